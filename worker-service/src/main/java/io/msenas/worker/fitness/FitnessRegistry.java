package io.msenas.worker.fitness;

import io.msenas.model.message.FitnessConfig;
import io.msenas.worker.training.TrainedAccuracyFitness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fitness functions a worker implements, by name; a task names one with its version. Immutable
 * and thread-safe.
 */
public final class FitnessRegistry {

  private final Map<String, FitnessFunction> functions;

  private FitnessRegistry(Map<String, FitnessFunction> functions) {
    this.functions = Map.copyOf(functions);
  }

  /**
   * The worker's functions: {@code rdm-hamming}, {@code rdm-pearson}, {@code sahd-logdet}, {@code
   * rsa-labels} and {@code trained-accuracy}, each at its current version ({@link
   * FitnessConfig#CURRENT_VERSIONS}).
   */
  public static FitnessRegistry standard() {
    return trainingFree().with(TrainedAccuracyFitness.standard());
  }

  /** The functions of the untrained network's spikes (all of {@link #standard()} but one). */
  public static FitnessRegistry trainingFree() {
    return empty()
        .with(
            new SpikeFitness(
                FitnessConfig.RDM_HAMMING,
                1,
                (samples, steps, labels) -> new RdmAccumulator(samples, steps)))
        .with(
            new SpikeFitness(
                FitnessConfig.RDM_PEARSON, 1, (samples, steps, labels) -> new PearsonRdm(samples)))
        .with(
            new SpikeFitness(
                FitnessConfig.SAHD_LOGDET, 1, (samples, steps, labels) -> new SahdKernel(samples)))
        .with(new SpikeFitness(FitnessConfig.RSA_LABELS, 1, RsaLabels::new));
  }

  /** A registry without functions. */
  public static FitnessRegistry empty() {
    return new FitnessRegistry(Map.of());
  }

  /**
   * This registry with {@code function} added.
   *
   * @throws IllegalArgumentException if a function of that name is there already
   */
  public FitnessRegistry with(FitnessFunction function) {
    if (functions.containsKey(function.name())) {
      throw new IllegalArgumentException(
          "fitness '"
              + function.name()
              + "' is registered already as "
              + functions.get(function.name()));
    }
    Map<String, FitnessFunction> more = new LinkedHashMap<>(functions);
    more.put(function.name(), function);
    return new FitnessRegistry(more);
  }

  /** The function of this name and version, if this worker has it. */
  public Optional<FitnessFunction> find(String name, int version) {
    return Optional.ofNullable(functions.get(name)).filter(f -> f.version() == version);
  }

  /** Names and their versions, sorted by name. */
  public Map<String, Integer> versions() {
    return functions.values().stream()
        .collect(
            Collectors.toMap(
                FitnessFunction::name,
                FitnessFunction::version,
                (a, b) -> a,
                java.util.TreeMap::new));
  }

  /** E.g. {@code "rdm-hamming v1, rdm-pearson v1"}, sorted by name. */
  public String describe() {
    return versions().entrySet().stream()
        .map(e -> e.getKey() + " v" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}

package io.msenas.worker.evaluation;

import io.msenas.model.genome.DecodedGenome;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InvalidGenomeException;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.Failure;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.message.LayerSpikeRate;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.Rdm;
import io.msenas.model.message.Timings;
import io.msenas.worker.fitness.Batch;
import io.msenas.worker.fitness.FitnessFunction;
import io.msenas.worker.fitness.FitnessInput;
import io.msenas.worker.fitness.FitnessRegistry;
import io.msenas.worker.fitness.FitnessScore;
import io.msenas.worker.network.NetworkSpec;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.PhenotypeBuilder;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.NetworkWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns an {@link EvaluationTask} into an {@link EvaluationResult}: decode the genome, build the
 * network, simulate, score. Plain Java, usable without Spring. A bad task (a genome that does not
 * fit its search space, an unknown fitness or data set) fails without simulating anything, with a
 * non-retryable failure that names the problem ({@link InvalidGenomeException}, {@link
 * InvalidTaskException}); any other exception, an {@link IllegalArgumentException} from inside the
 * engine included, is this worker's fault and fails retryable. Thread-safe; evaluations on one
 * instance may run concurrently, though each already uses every core.
 */
public final class Evaluator {

  /** Failure type: the genome does not fit its search space (not retryable). */
  public static final String INVALID_GENOME = "InvalidGenome";

  /**
   * Failure type: the task names an unknown fitness or data set, or bad settings (not retryable).
   */
  public static final String INVALID_TASK = "InvalidTask";

  /**
   * Failure type: the evaluation broke (out of memory, a native error); another attempt may work.
   */
  public static final String EVALUATION_ERROR = "EvaluationError";

  /** Version of this engine, recorded in every result. */
  public static final String ENGINE_VERSION = engineVersion();

  private final Function<String, FitnessData> datasets;
  private final FitnessRegistry fitnesses;
  private final Map<String, FitnessData> loaded = new ConcurrentHashMap<>();

  /** An evaluator over the data sets that ship with the worker. */
  public Evaluator() {
    this(FitnessData::named);
  }

  /**
   * An evaluator whose data sets come from {@code datasets} (name -> data; throws for unknown
   * names), with the standard fitness functions.
   */
  public Evaluator(Function<String, FitnessData> datasets) {
    this(datasets, FitnessRegistry.standard());
  }

  /** An evaluator with these data sets and fitness functions. */
  public Evaluator(Function<String, FitnessData> datasets, FitnessRegistry fitnesses) {
    this.datasets = datasets;
    this.fitnesses = fitnesses;
  }

  /** Evaluates a task; failures come back as FAILED results, never as exceptions. */
  public EvaluationResult evaluate(EvaluationTask task) {
    long start = System.nanoTime();
    Provenance provenance = provenance(task.fitness().seed());
    String hash = null;
    try {
      hash = task.searchSpace().contentHash(task.genome());
      // a search breeds only networks that can classify; one that cannot never survives
      task.searchSpace().requireCanClassify(task.genome());
      Evaluation evaluation = score(task.searchSpace(), task.genome(), task.fitness());
      return EvaluationResult.succeeded(
              task.taskId(),
              task.individualId(),
              hash,
              evaluation.score().score(),
              evaluation.score().widthNormalisedScore(),
              evaluation.spikeRates(),
              evaluation.parameterCount(),
              evaluation.timings(),
              provenance,
              evaluation.rdm())
          .withSynapticOperations(evaluation.score().synapticOperations());
    } catch (InvalidGenomeException | InvalidTaskException e) {
      // only the checks before simulating throw these; any other IllegalArgumentException is the
      // engine's and goes below, retryable
      return EvaluationResult.failed(
          task.taskId(),
          task.individualId(),
          hash,
          new Failure(failureType(e), e.getMessage(), false),
          elapsed(start),
          provenance);
    } catch (RuntimeException | OutOfMemoryError e) {
      return EvaluationResult.failed(
          task.taskId(),
          task.individualId(),
          hash,
          new Failure(EVALUATION_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), true),
          elapsed(start),
          provenance);
    }
  }

  /** A scored genome, with what the result message needs. */
  public record Evaluation(
      Phenotype phenotype,
      FitnessScore score,
      long parameterCount,
      List<LayerSpikeRate> spikeRates,
      Rdm rdm,
      Timings timings) {}

  /**
   * Decodes, builds and scores one genome.
   *
   * @throws InvalidGenomeException if the genome does not fit {@code space}; nothing is simulated
   * @throws InvalidTaskException for an unknown fitness or data set, or bad settings; nothing is
   *     simulated
   */
  public Evaluation score(SearchSpace space, Genome genome, FitnessConfig config) {
    long start = System.nanoTime();
    FitnessFunction fitness =
        fitnesses
            .find(config.fitness(), config.fitnessVersion())
            .orElseThrow(
                () ->
                    new InvalidTaskException(
                        "unknown fitness '"
                            + config.fitness()
                            + "' version "
                            + config.fitnessVersion()
                            + "; this worker has "
                            + fitnesses.describe()));
    DecodedGenome decoded = space.decode(genome);
    FitnessData data =
        InvalidTaskException.check(() -> loaded.computeIfAbsent(config.dataset(), datasets));
    if (data.inputKind() != space.inputKind()) {
      throw new InvalidTaskException(
          "dataset "
              + data.name()
              + " gives "
              + data.inputKind()
              + " inputs, the search space is for "
              + space.inputKind());
    }
    Nd4jRuntime.initialise();
    NetworkSpec spec = InvalidTaskException.check(() -> data.networkSpec(config));
    Phenotype phenotype = PhenotypeBuilder.build(decoded, spec);
    checkTensorsFit(phenotype, spec.timeSteps(), config.batchSize());
    List<Batch> batches =
        InvalidTaskException.check(
            () -> data.batches(config.seed(), config.batchSize(), config.batches()));
    FitnessScore score;
    double buildMs;
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, config.seed())) {
      buildMs = (System.nanoTime() - start) / 1e6;
      score =
          fitness.evaluate(new FitnessInput(phenotype, weights, batches, space, genome, config));
    }
    List<LayerSpikeRate> rates = new ArrayList<>();
    score
        .layers()
        .forEach(
            l -> rates.add(new LayerSpikeRate(l.name(), l.instances(), l.neurons(), l.rate())));
    List<Double> values = new ArrayList<>(score.rdm().length);
    for (double v : score.rdm()) {
      values.add(v);
    }
    double totalMs = (System.nanoTime() - start) / 1e6;
    Timings timings =
        new Timings(buildMs, score.simulateMs() - score.fitnessMs(), score.fitnessMs(), totalMs);
    return new Evaluation(
        phenotype,
        score,
        phenotype.parameterCount(),
        rates,
        new Rdm(score.samples(), values),
        timings);
  }

  private static String failureType(IllegalArgumentException e) {
    return e instanceof InvalidGenomeException ? INVALID_GENOME : INVALID_TASK;
  }

  private static Timings elapsed(long start) {
    double ms = (System.nanoTime() - start) / 1e6;
    return new Timings(0, 0, 0, ms);
  }

  private static Provenance provenance(long seed) {
    Nd4jRuntime.Info info = Nd4jRuntime.initialise();
    return new Provenance(
        ENGINE_VERSION,
        seed,
        info.backend(),
        info.nativeVariant().classifier(),
        info.blasCoreType(),
        info.host());
  }

  private static String engineVersion() {
    String version = Evaluator.class.getPackage().getImplementationVersion();
    return version == null ? "0.1.0-SNAPSHOT" : version;
  }

  /** The most bytes one tensor may hold: the Java passes read them as NIO buffers. */
  static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE;

  /**
   * Fails the task, before anything is simulated, where one of the network's tensors (a node's
   * values or a LIF layer's input, over T steps and the batch) would exceed {@link
   * #MAX_TENSOR_BYTES}: such settings fail the same way on every attempt, so they are the task's
   * fault, not the worker's.
   *
   * @throws InvalidTaskException naming the layer, its size and the settings that make it
   */
  static void checkTensorsFit(Phenotype phenotype, int timeSteps, int batchSize) {
    String largest = null;
    Phenotype.Shape largestShape = null;
    long largestBytes = 0;
    long steppedRows = (long) timeSteps * batchSize;
    for (Phenotype.Node node : phenotype.nodes()) {
      long bytes = (node.timeInvariant() ? batchSize : steppedRows) * node.shape().size() * 4L;
      if (bytes > largestBytes) {
        largest = node.name();
        largestShape = node.shape();
        largestBytes = bytes;
      }
    }
    for (Phenotype.SpikeGroup group : phenotype.spikeGroups()) {
      long bytes = steppedRows * group.shape().size() * 4L;
      if (bytes > largestBytes) {
        largest = group.name();
        largestShape = group.shape();
        largestBytes = bytes;
      }
    }
    if (largestBytes > MAX_TENSOR_BYTES) {
      throw new InvalidTaskException(
          String.format(
              java.util.Locale.ROOT,
              "layer %s (%d x %d x %d per sample) would hold %.2f GB over %d time steps and a batch"
                  + " of %d, more than the %.2f GB one tensor may hold; lower batchSize, timeSteps"
                  + " or channels",
              largest,
              largestShape.height(),
              largestShape.width(),
              largestShape.channels(),
              largestBytes / 1e9,
              timeSteps,
              batchSize,
              MAX_TENSOR_BYTES / 1e9));
    }
  }
}

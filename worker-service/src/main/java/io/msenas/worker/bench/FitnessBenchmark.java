package io.msenas.worker.bench;

import io.msenas.model.genome.CellGenes;
import io.msenas.model.genome.DecodedGenome;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import io.msenas.worker.evaluation.Evaluator;
import io.msenas.worker.evaluation.FitnessData;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.PhenotypeBuilder;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.ForwardSimulator;
import io.msenas.worker.simulation.LifKernel;
import io.msenas.worker.simulation.NetworkWeights;
import io.msenas.worker.simulation.SimulationMemory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How fast one worker scores architectures: times the full evaluation of seeded random genomes (as
 * a search's generation 0 draws them: only networks that can classify) ({@code rdm-hamming} unless
 * {@code --fitness} names another function) and, in the same run, the same networks' convolutions
 * alone (the work no simulator can avoid). Prints one line per genome and a summary line last:
 *
 * <pre>
 * fitness-bench preset=quick dataset=mnist fitness=F genomes=N median_ms=X fitness_ms=Z conv_sim_ms=S conv_only_ms=Y ratio=R evals_per_min=E gflops=G native=V blas_core=C omp_wait=P malloc_reuse=M faults_per_eval=Q copy_gbps=B floor_ratio=L peak_mb=K stem_mb=H java=J lif=V
 * </pre>
 *
 * where fitness_ms is the median time of the fitness function's own work (RDMs, kernels),
 * conv_sim_ms the median time the evaluations spent in their convolutions (the same calls as
 * conv_only_ms, made between the simulator's Java passes: ratio = conv_sim_ms / conv_only_ms x
 * median_ms / conv_sim_ms tells a slower convolution from slower Java work), ratio = median_ms /
 * conv_only_ms and gflops = convolution FLOPs of all evaluations / their total time. malloc_reuse
 * says whether glibc malloc keeps freed memory for reuse (scripts/native-env) and faults_per_eval
 * is the median number of minor page faults one evaluation took (memory the kernel had to hand out
 * fresh, zeroed). copy_gbps is the machine's memory bandwidth as one thread per core copying a 256
 * MB array measure it (bytes read plus bytes written per second), and floor_ratio the median of
 * each genome's {@code (conv_only_ms + traffic_ms) / conv_only_ms}, where traffic_ms is the time
 * the simulation's LIF and BatchNorm passes need at that bandwidth just to move the bytes they
 * cannot avoid ({@value #LIF_BYTES} per LIF update: its spike written; {@value
 * #NORMALISATION_BYTES} per normalised value: read for the batch statistics, read again by the LIF
 * layer that normalises it as it reads its input): the ratio a simulator of this design would reach
 * if nothing but the convolutions and that traffic took time. peak_mb is the most megabytes of
 * simulation buffers (convolution outputs, spikes, the stem's values where its layer was not kept)
 * one evaluation borrowed at once, the largest over the genomes; stem_mb the megabytes the stem's
 * LIF layers kept between evaluations hold at the end (StemSpikes: one per batch, not in peak_mb).
 * java is the feature version of the JVM that ran it (scripts/java-runtime picks the newest
 * installed: its JIT decides how fast the Java passes run).
 *
 * <p>Every genome is evaluated once untimed first; then each genome's eval_ms and conv_only_ms are
 * the medians of {@code --repeats} measurements (default 3). Arguments: {@code --preset
 * quick|smoke|paper --dataset mnist --fitness NAME --genomes N --repeats R --seed S}.
 */
public final class FitnessBenchmark {

  /** Bytes a LIF update moves at least: its spike written (its input is counted below). */
  static final int LIF_BYTES = 4;

  /**
   * Bytes a normalised value moves at least: read for the batch statistics, read again by the LIF
   * layer that normalises, clamps and sums it as its input.
   */
  static final int NORMALISATION_BYTES = 8;

  private FitnessBenchmark() {}

  public static void main(String[] args) {
    Preset preset = Preset.QUICK;
    String dataset = "mnist";
    String fitness = FitnessConfig.RDM_HAMMING;
    int genomes = 10;
    int repeats = 3;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--preset" -> preset = Preset.fromId(require(args[i], value));
        case "--dataset" -> dataset = require(args[i], value);
        case "--fitness" -> fitness = require(args[i], value);
        case "--genomes" -> genomes = Integer.parseInt(require(args[i], value));
        case "--seed" -> seed = Long.parseLong(require(args[i], value));
        case "--repeats" -> repeats = Integer.parseInt(require(args[i], value));
        default ->
            throw new IllegalArgumentException(
                "unknown argument '"
                    + args[i]
                    + "'; usage: --preset quick|smoke|paper --dataset mnist --fitness NAME"
                    + " --genomes N --repeats R --seed S");
      }
      i++;
    }
    if (genomes < 1) {
      throw new IllegalArgumentException("--genomes must be >= 1, was " + genomes);
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be >= 1, was " + repeats);
    }
    run(preset, dataset, fitness, genomes, repeats, seed, System.out);
  }

  /**
   * The networks a search sends to a worker: random, as generation 0 draws them, and able to
   * classify (a search never breeds a network whose zero cells cut the input off, {@link
   * SearchSpace#canClassify}).
   */
  static List<Genome> sample(SearchSpace space, int genomes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Genome> sample = new ArrayList<>();
    while (sample.size() < genomes) {
      sample.add(space.randomGenomeThatCanClassify(random));
    }
    return sample;
  }

  private static String require(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  static void run(
      Preset preset,
      String dataset,
      String fitness,
      int genomes,
      int repeats,
      long seed,
      PrintStream out) {
    Nd4jRuntime.Info info = Nd4jRuntime.initialise();
    FitnessData data = FitnessData.named(dataset);
    SearchSpace space = SearchSpace.of(preset.cells(), data.inputKind());
    FitnessConfig defaults = FitnessConfig.defaults(preset, dataset, seed);
    Integer version = FitnessConfig.CURRENT_VERSIONS.get(fitness);
    if (version == null) {
      throw new IllegalArgumentException(
          "unknown fitness '" + fitness + "'; known: " + FitnessConfig.CURRENT_VERSIONS.keySet());
    }
    FitnessConfig config =
        new FitnessConfig(
            fitness,
            version,
            dataset,
            defaults.channels(),
            defaults.timeSteps(),
            defaults.batchSize(),
            defaults.batches(),
            seed,
            defaults.tau(),
            defaults.threshold());
    Evaluator evaluator = new Evaluator(name -> data);
    List<Genome> sample = sample(space, genomes, seed);
    // warm up on every genome, not counted: a worker runs for hours, and the JIT compiles the
    // loops of layer shapes it has not met yet (on 2 cores, beside the timed work); the shapes'
    // buffers are then kept for the timed evaluation, as in a worker (SimulationMemory)
    for (Genome genome : sample) {
      evaluator.score(space, genome, config);
    }

    double[] evalMs = new double[genomes];
    double[] fitnessMs = new double[genomes];
    double[] convSimMs = new double[genomes];
    double[] faults = new double[genomes];
    double[] peakMb = new double[genomes];
    double[] convMs = new double[genomes];
    double[] trafficBytes = new double[genomes];
    double totalFlops = 0;
    for (int i = 0; i < genomes; i++) {
      Genome genome = sample.get(i);
      DecodedGenome decoded = space.decode(genome);
      // each figure is the median of `repeats` measurements: one slow run (another process, a
      // collection) does not move it; the evaluation shown is the one of median time
      Evaluator.Evaluation[] runs = new Evaluator.Evaluation[repeats];
      double[] convRuns = new double[repeats];
      double[] faultRuns = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        long faultsBefore = minorPageFaults();
        SimulationMemory.shared().resetPeak();
        runs[r] = evaluator.score(space, genome, config);
        faultRuns[r] = minorPageFaults() - faultsBefore;
        peakMb[i] = Math.max(peakMb[i], SimulationMemory.shared().peakBorrowedBytes() / 1e6);
        convRuns[r] = convolutionsOnly(decoded, config, data);
      }
      Arrays.sort(runs, Comparator.comparingDouble(e -> e.timings().totalMs()));
      Evaluator.Evaluation evaluation = runs[repeats / 2];
      evalMs[i] = evaluation.timings().totalMs();
      fitnessMs[i] = evaluation.timings().fitnessMs();
      convSimMs[i] = evaluation.score().profile().convolutionMs();
      convMs[i] = median(convRuns);
      faults[i] = median(faultRuns);
      double flops =
          2.0
              * evaluation.phenotype().convMacsPerSampleStep()
              * config.timeSteps()
              * config.batchSize()
              * config.batches();
      totalFlops += flops;
      ForwardSimulator.Profile profile = evaluation.score().profile();
      trafficBytes[i] =
          profile.neuronUpdates() * (double) LIF_BYTES
              + profile.normalisedValues() * (double) NORMALISATION_BYTES;
      out.printf(
          Locale.ROOT,
          "genome %2d %s k=%d cells=[%s] params=%d gflop=%.2f eval_ms=%.1f conv_only_ms=%.1f ratio=%.2f "
              + "(conv %.1f, lif %.1f [%.0fM], bn %.1f [%.0fM], rdm %.1f) faults=%.0f peak_mb=%.0f"
              + " score=%.1f%n",
          i,
          space.contentHash(genome).substring(0, 12),
          decoded.macroK(),
          describe(decoded),
          evaluation.parameterCount(),
          flops / 1e9,
          evalMs[i],
          convMs[i],
          evalMs[i] / convMs[i],
          evaluation.score().profile().convolutionMs(),
          evaluation.score().profile().neuronsMs(),
          evaluation.score().profile().neuronUpdates() / 1e6,
          evaluation.score().profile().normalisationMs(),
          evaluation.score().profile().normalisedValues() / 1e6,
          evaluation.timings().fitnessMs(),
          faults[i],
          peakMb[i],
          evaluation.score().score());
    }
    // measured after the evaluations: its 512 MB of arrays must not disturb them
    double copyBytesPerMs = copyBandwidth() / 1e3;
    double[] floorRatios = new double[genomes];
    for (int i = 0; i < genomes; i++) {
      floorRatios[i] = (convMs[i] + trafficBytes[i] / copyBytesPerMs) / convMs[i];
    }
    double medianMs = median(evalMs);
    double medianConv = median(convMs);
    double totalSeconds = Arrays.stream(evalMs).sum() / 1e3;
    out.printf(
        Locale.ROOT,
        "fitness-bench preset=%s dataset=%s fitness=%s genomes=%d median_ms=%.1f fitness_ms=%.1f"
            + " conv_sim_ms=%.1f conv_only_ms=%.1f ratio=%.2f evals_per_min=%.1f gflops=%.1f native=%s"
            + " blas_core=%s omp_wait=%s malloc_reuse=%s faults_per_eval=%.0f copy_gbps=%.1f"
            + " floor_ratio=%.2f peak_mb=%.0f stem_mb=%.0f java=%s lif=%s%n",
        preset.id(),
        dataset,
        fitness,
        genomes,
        medianMs,
        median(fitnessMs),
        median(convSimMs),
        medianConv,
        medianMs / medianConv,
        60_000.0 / medianMs,
        totalFlops / 1e9 / totalSeconds,
        info.nativeVariant().classifier(),
        info.blasCoreType(),
        Nd4jRuntime.ompWaitPolicy(),
        Nd4jRuntime.mallocReusesMemory() ? "on" : "off",
        median(faults),
        copyBytesPerMs / 1e6,
        median(floorRatios),
        Arrays.stream(peakMb).max().orElse(0),
        SimulationMemory.shared().stemBytes() / 1e6,
        Runtime.version().feature(),
        LifKernel.kernel());
  }

  /**
   * Bytes per second (read plus written) that one thread per core copying a 256 MB float array
   * move: the best of five copies, after one that faults the pages in.
   */
  static double copyBandwidth() {
    int length = 64 << 20;
    float[] source = new float[length];
    float[] target = new float[length];
    Arrays.fill(source, 1f);
    int threads = Runtime.getRuntime().availableProcessors();
    double best = 0;
    for (int round = 0; round < 6; round++) {
      long start = System.nanoTime();
      IntStream.range(0, threads)
          .parallel()
          .forEach(
              t -> {
                int from = (int) ((long) length * t / threads);
                int to = (int) ((long) length * (t + 1) / threads);
                System.arraycopy(source, from, target, from, to - from);
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      if (round > 0) {
        best = Math.max(best, 2.0 * 4 * length / seconds);
      }
    }
    return best;
  }

  /**
   * Minor page faults this process has taken so far (/proc/self/stat), or 0 where that file does
   * not exist: pages the kernel had to map, and zero, for memory touched for the first time.
   */
  static long minorPageFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the parenthesised command name: state, ppid, pgrp, session, tty_nr, tpgid,
      // flags, minflt
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[7]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Milliseconds of the network's convolutions alone, for all of the fitness' batches. */
  private static double convolutionsOnly(
      DecodedGenome genome, FitnessConfig config, FitnessData data) {
    Phenotype phenotype = PhenotypeBuilder.build(genome, data.networkSpec(config));
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, config.seed());
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      double total = 0;
      for (int b = 0; b < config.batches(); b++) {
        total += simulator.timeConvolutionsOnly(config.batchSize());
      }
      return total;
    }
  }

  private static String describe(DecodedGenome genome) {
    return genome.cells().stream()
        .map(
            c ->
                c instanceof CellGenes.Normal n
                    ? n.motif().name()
                        + n.kernelSizes().stream()
                            .map(String::valueOf)
                            .collect(Collectors.joining(""))
                    : "R")
        .collect(Collectors.joining(" "));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

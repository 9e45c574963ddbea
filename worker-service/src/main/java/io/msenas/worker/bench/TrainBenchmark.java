package io.msenas.worker.bench;

import io.msenas.model.genome.CellGenes;
import io.msenas.model.genome.DecodedGenome;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import io.msenas.worker.network.NetworkSpec;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.ForwardSimulator;
import io.msenas.worker.simulation.NetworkWeights;
import io.msenas.worker.training.Architecture;
import io.msenas.worker.training.EpochProgress;
import io.msenas.worker.training.SampleSet;
import io.msenas.worker.training.StepProfiler;
import io.msenas.worker.training.TrainedModel;
import io.msenas.worker.training.TrainingData;
import io.msenas.worker.training.TrainingOptions;
import io.msenas.worker.training.TrainingResult;
import io.msenas.worker.training.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Trains one architecture on the shipped MNIST digits and reports how fast and how well. Prints one
 * line per epoch and a summary line last:
 *
 * <pre>
 * train-bench preset=quick dataset=mnist epochs=E samples_per_s=S forward_conv_ms=F ratio=R best_val_acc=V test_acc=A minutes=M native=N backend=B
 * </pre>
 *
 * where samples_per_s counts training samples per second of training steps (validation excluded),
 * forward_conv_ms is the time of the same network's forward convolutions alone for one training
 * batch (the fitness path's conv-only mode, median of 5, measured in this run), and ratio = (step
 * time per training sample) / (forward conv time per sample).
 *
 * <p>Arguments: {@code --preset quick|smoke|paper}, {@code --genome g0,g1,...} (default: the random
 * genome of {@code --genome-seed}, 6), {@code --epochs E}, {@code --batch B}, {@code --lr-per-1024
 * X}, {@code --warmup W}, {@code --drop-path P}, {@code --seed S}, {@code --train-limit N} (train
 * on the first N training records only, for smoke runs), {@code --save FILE} (the trained model),
 * {@code --checkpoint FILE} (written after every epoch), {@code --profile-steps N} (instead of
 * training, time N training steps per ND4J op type: {@link StepProfiler}).
 */
public final class TrainBenchmark {

  /**
   * Defaults of the benchmark (and of the service's quick-preset trainings), chosen to reach 97% on
   * MNIST within 30 minutes on 2 cores: 3 epochs at batch 32 (a batch of 64 of the quick winner
   * needs over 12 GB), peak learning rate 1e-2, warm-up 0.3 epochs.
   */
  static final int DEFAULT_EPOCHS = 3;

  static final int DEFAULT_BATCH = 32;
  static final double DEFAULT_LR_PER_1024 = 0.32;
  static final double DEFAULT_WARMUP = 0.3;

  /**
   * Seed 6 of the quick space draws {@code m0 R m15353 R R m15353}: its last cell codes (a zero
   * last cell leaves the head without input) and the stem reaches it through cell 2's three inputs.
   */
  static final long DEFAULT_GENOME_SEED = 6;

  private TrainBenchmark() {}

  public static void main(String[] args) throws IOException {
    Preset preset = Preset.QUICK;
    String genes = null;
    long genomeSeed = DEFAULT_GENOME_SEED;
    int trainLimit = 0;
    Path save = null;
    Path checkpoint = null;
    int profileSteps = 0;
    TrainingOptions.Builder options =
        TrainingOptions.builder()
            .epochs(DEFAULT_EPOCHS)
            .batchSize(DEFAULT_BATCH)
            .learningRatePer1024(DEFAULT_LR_PER_1024)
            .warmupEpochs(DEFAULT_WARMUP);
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--preset" -> preset = Preset.fromId(value);
        case "--dataset" -> {
          if (!"mnist".equals(value)) {
            throw new IllegalArgumentException("only --dataset mnist ships, was " + value);
          }
        }
        case "--genome" -> genes = value;
        case "--genome-seed" -> genomeSeed = Long.parseLong(value);
        case "--epochs" -> options.epochs(Integer.parseInt(value));
        case "--batch" -> options.batchSize(Integer.parseInt(value));
        case "--lr-per-1024" -> options.learningRatePer1024(Double.parseDouble(value));
        case "--warmup" -> options.warmupEpochs(Double.parseDouble(value));
        case "--drop-path" -> options.dropPathMax(Double.parseDouble(value));
        case "--seed" -> options.seed(Long.parseLong(value)).weightSeed(Long.parseLong(value));
        case "--train-limit" -> trainLimit = Integer.parseInt(value);
        case "--save" -> save = Path.of(value);
        case "--checkpoint" -> checkpoint = Path.of(value);
        case "--profile-steps" -> profileSteps = Integer.parseInt(value);
        default ->
            throw new IllegalArgumentException(
                "unknown argument '"
                    + args[i]
                    + "'; usage: --preset P --genome g0,g1,.. --genome-seed S --epochs E --batch B"
                    + " --lr-per-1024 X --warmup W --drop-path P --seed S --train-limit N"
                    + " --save FILE --checkpoint FILE --profile-steps N");
      }
    }
    if (profileSteps > 0) {
      TrainingData data = TrainingData.shippedMnist();
      StepProfiler.profile(
          architecture(preset, genes, genomeSeed, data),
          data,
          options.build().batchSize(),
          profileSteps,
          System.out);
      return;
    }
    run(preset, genes, genomeSeed, options.build(), trainLimit, save, checkpoint, System.out);
  }

  static void run(
      Preset preset,
      String genes,
      long genomeSeed,
      TrainingOptions options,
      int trainLimit,
      Path save,
      Path checkpoint,
      PrintStream out)
      throws IOException {
    Nd4jRuntime.Info info = Nd4jRuntime.initialise();
    TrainingData data = TrainingData.shippedMnist();
    if (trainLimit > 0) {
      data =
          new TrainingData(
              data.name(),
              data.shape(),
              data.classes(),
              limit(data.train(), trainLimit),
              data.validation(),
              data.test(),
              data.augmentation());
    }
    Architecture architecture = architecture(preset, genes, genomeSeed, data);
    SearchSpace space = architecture.space();
    Genome genome = architecture.genome();
    Phenotype phenotype = architecture.phenotype();
    double convMs = forwardConvMs(phenotype, options.batchSize(), options.weightSeed());
    out.printf(
        Locale.ROOT,
        "genome %s k=%d cells=[%s] params=%d convs=%d forward_conv_ms=%.1f (batch %d)"
            + " lr_peak=%.2e warmup=%.2f%n",
        architecture.contentHash().substring(0, 12),
        space.decode(genome).macroK(),
        describe(space.decode(genome)),
        phenotype.parameterCount(),
        phenotype.convolutions().size(),
        convMs,
        options.batchSize(),
        options.peakLearningRate(),
        options.effectiveWarmupEpochs());
    long start = System.nanoTime();
    TrainingResult result;
    double stepSeconds;
    long trainedSamples;
    try (TrainingRun run = TrainingRun.start(architecture, data, options)) {
      result =
          run.runToEnd(
              progress -> out.println(describe(progress)),
              cp -> {
                if (checkpoint != null) {
                  try {
                    cp.save(checkpoint);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              });
      stepSeconds = run.trainingStepTime().toNanos() / 1e9;
      trainedSamples = run.samplesTrained();
    }
    double minutes = (System.nanoTime() - start) / 60e9;
    double perSampleMs = stepSeconds * 1e3 / trainedSamples;
    try (TrainedModel model = result.model()) {
      if (save != null) {
        model.save(save);
        out.println("saved model to " + save);
      }
    }
    out.printf(
        Locale.ROOT,
        "train-bench preset=%s dataset=%s epochs=%d samples_per_s=%.1f forward_conv_ms=%.1f"
            + " ratio=%.2f best_val_acc=%.4f test_acc=%.4f minutes=%.1f native=%s backend=%s%n",
        preset.id(),
        data.name(),
        options.epochs(),
        trainedSamples / stepSeconds,
        convMs,
        perSampleMs / (convMs / options.batchSize()),
        result.bestValidationAccuracy(),
        result.testAccuracy(),
        minutes,
        info.nativeVariant().classifier(),
        info.backend());
  }

  /** The architecture of {@code genes} (or of the random genome of {@code genomeSeed}). */
  private static Architecture architecture(
      Preset preset, String genes, long genomeSeed, TrainingData data) {
    SearchSpace space = SearchSpace.of(preset.cells(), data.inputKind());
    Genome genome =
        genes == null
            ? space.randomGenome(new SplittableRandom(genomeSeed))
            : new Genome(
                space.version(),
                Arrays.stream(genes.split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray());
    return new Architecture(
        space, genome, NetworkSpec.mnist(preset.channels(), preset.timeSteps()));
  }

  /** The fitness path's conv-only timing for one batch: median of 5 after a warm-up. */
  private static double forwardConvMs(Phenotype phenotype, int batch, long seed) {
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, seed);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      simulator.timeConvolutionsOnly(batch);
      double[] times = new double[5];
      for (int i = 0; i < times.length; i++) {
        times[i] = simulator.timeConvolutionsOnly(batch);
      }
      Arrays.sort(times);
      return times[times.length / 2];
    }
  }

  private static String describe(EpochProgress p) {
    return String.format(
        Locale.ROOT,
        "epoch %d/%d loss=%.4f train_acc=%.4f val_acc=%.4f spike_rate=%.4f lr=%.2e"
            + " elapsed=%.1fmin eta=%.1fmin best_val=%.4f@%d",
        p.epoch(),
        p.epochs(),
        p.loss(),
        p.trainAccuracy(),
        p.validationAccuracy(),
        p.spikeRate(),
        p.learningRate(),
        p.elapsed().toMillis() / 60e3,
        p.eta().toMillis() / 60e3,
        p.bestValidationAccuracy(),
        p.bestEpoch());
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

  private static SampleSet limit(SampleSet set, int n) {
    int size = Math.min(n, set.size());
    return new SampleSet() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public int label(int index) {
        return set.label(index);
      }

      @Override
      public void copyInto(int index, float[] dst, int offset) {
        set.copyInto(index, dst, offset);
      }
    };
  }
}

package io.msenas.worker.training;

import io.msenas.model.message.FitnessConfig;
import io.msenas.worker.evaluation.InvalidTaskException;
import io.msenas.worker.fitness.FitnessFunction;
import io.msenas.worker.fitness.FitnessInput;
import io.msenas.worker.fitness.FitnessRegistry;
import io.msenas.worker.fitness.FitnessScore;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code trained-accuracy} v1: the network's validation accuracy after a short training, the
 * training-based reference the training-free scores are meant to stand in for (ALGORITHM section
 * 5.6). The network starts from the same seeded weights the other fitness functions score, trains
 * {@value #EPOCHS} epoch over the first {@value #TRAIN_SAMPLES} samples of the training split
 * (batch size B of the task, peak learning rate {@value #LEARNING_RATE_PER_1024} per 1024 samples,
 * the rest ALGORITHM section 6's recipe, seeded by the task's seed), and is scored on the
 * validation split. The test split is never read. The result also carries the untrained network's
 * spike rates, synaptic operations and Hamming RDM, as the other functions' results do.
 *
 * <p>On this project's 2-core machines a quick-preset network takes about a minute: a reference to
 * check the cheap scores against, or a fitness for small searches. Changing any constant here
 * changes the scores: bump {@link #VERSION} with it. Immutable and thread-safe.
 */
public final class TrainedAccuracyFitness implements FitnessFunction {

  /** This definition's version. */
  public static final int VERSION = 1;

  /** Training samples: the first this many of the training split. */
  public static final int TRAIN_SAMPLES = 2048;

  /** Passes over them. */
  public static final int EPOCHS = 1;

  /** Peak learning rate for a batch of 1024 (tuned for short MNIST runs; docs/training.md). */
  public static final double LEARNING_RATE_PER_1024 = 0.16;

  private final Function<String, TrainingData> datasets;
  private final int trainSamples;
  private final FitnessFunction untrained;

  /**
   * @param datasets the training data of a data set name (throws InvalidTaskException for one it
   *     does not have)
   * @param trainSamples training samples to use (tests use a handful)
   * @param untrained the function whose spike statistics of the untrained network are reported
   */
  public TrainedAccuracyFitness(
      Function<String, TrainingData> datasets, int trainSamples, FitnessFunction untrained) {
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    if (trainSamples < 2) {
      throw new IllegalArgumentException("trainSamples must be >= 2, was " + trainSamples);
    }
    this.trainSamples = trainSamples;
    this.untrained = Objects.requireNonNull(untrained, "untrained");
  }

  /** Version 1 on the shipped MNIST digits. */
  public static TrainedAccuracyFitness standard() {
    return new TrainedAccuracyFitness(
        TrainedAccuracyFitness::shipped,
        TRAIN_SAMPLES,
        FitnessRegistry.trainingFree().find(FitnessConfig.RDM_HAMMING, 1).orElseThrow());
  }

  private static TrainingData shipped(String name) {
    if (!"mnist".equals(name.toLowerCase(Locale.ROOT))) {
      throw new InvalidTaskException(
          "trained-accuracy trains on the shipped mnist digits only, not '" + name + "'");
    }
    return ShippedMnist.DATA;
  }

  /** Loaded once, on first use. */
  private static final class ShippedMnist {
    static final TrainingData DATA = TrainingData.shippedMnist();
  }

  @Override
  public String name() {
    return FitnessConfig.TRAINED_ACCURACY;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public FitnessScore evaluate(FitnessInput input) {
    FitnessConfig config = input.config();
    TrainingData data = datasets.apply(config.dataset()).firstTrainingSamples(trainSamples);
    FitnessScore spikes = untrained.evaluate(input);
    long start = System.nanoTime();
    TrainingOptions options =
        TrainingOptions.builder()
            .epochs(EPOCHS)
            .batchSize(Math.min(config.batchSize(), data.train().size()))
            .learningRatePer1024(LEARNING_RATE_PER_1024)
            .seed(config.seed())
            .weightSeed(config.seed())
            .build();
    double accuracy;
    Architecture architecture =
        new Architecture(input.space(), input.genome(), input.phenotype().spec());
    try (TrainingRun run = TrainingRun.start(architecture, data, options)) {
      EpochProgress last = null;
      while (run.epochsDone() < EPOCHS) {
        last = run.runEpoch();
      }
      // finish() would read the test split; the score is the validation accuracy alone
      accuracy = last.bestValidationAccuracy();
    } catch (TrainingDivergedException e) {
      // deterministic: another attempt would diverge again; a network that cannot train scores 0
      accuracy = 0;
    }
    double trainMs = (System.nanoTime() - start) / 1e6;
    return new FitnessScore(
        accuracy,
        null,
        new double[] {accuracy},
        spikes.rdm(),
        spikes.samples(),
        spikes.layers(),
        spikes.synapticOperations(),
        spikes.simulateMs() + trainMs,
        spikes.fitnessMs() + trainMs,
        spikes.profile());
  }

  @Override
  public String toString() {
    return name() + " v" + version();
  }
}

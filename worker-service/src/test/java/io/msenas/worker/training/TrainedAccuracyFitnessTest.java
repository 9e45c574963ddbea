package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.message.FitnessConfig;
import io.msenas.worker.evaluation.InvalidTaskException;
import io.msenas.worker.fitness.Batch;
import io.msenas.worker.fitness.FitnessInput;
import io.msenas.worker.fitness.FitnessRegistry;
import io.msenas.worker.fitness.FitnessScore;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.NetworkWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainedAccuracyFitnessTest {

  private static final long SEED = 11;

  /** A split that fails the test if anyone reads it. */
  private static final SampleSet UNTOUCHABLE =
      new SampleSet() {
        @Override
        public int size() {
          return 8;
        }

        @Override
        public int label(int index) {
          throw new AssertionError("the test split was read");
        }

        @Override
        public void copyInto(int index, float[] dst, int offset) {
          throw new AssertionError("the test split was read");
        }
      };

  private static TrainingData data() {
    TrainingData bands = TrainingFixtures.bandsData(64, 24, 1);
    return new TrainingData(
        bands.name(),
        bands.shape(),
        bands.classes(),
        bands.train(),
        bands.validation(),
        UNTOUCHABLE,
        bands.augmentation());
  }

  private static FitnessConfig config(int batchSize) {
    return new FitnessConfig("trained-accuracy", 1, "bands", 4, 2, batchSize, 1, SEED, 2.0, 0.5);
  }

  private static FitnessScore score(TrainedAccuracyFitness fitness, Architecture a, int batch) {
    Nd4jRuntime.initialise();
    Phenotype phenotype = a.phenotype();
    SampleSet train = TrainingFixtures.bands(batch, 5);
    int pixels = TrainingFixtures.SIZE * TrainingFixtures.SIZE;
    float[] images = new float[batch * pixels];
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      train.copyInto(i, images, i * pixels);
      labels[i] = train.label(i);
    }
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, SEED)) {
      return fitness.evaluate(
          new FitnessInput(
              phenotype,
              weights,
              List.of(new Batch(images, batch, labels)),
              a.space(),
              a.genome(),
              config(batch)));
    }
  }

  private static TrainedAccuracyFitness fitness(int trainSamples) {
    return new TrainedAccuracyFitness(
        name -> data(),
        trainSamples,
        FitnessRegistry.trainingFree().find(FitnessConfig.RDM_HAMMING, 1).orElseThrow());
  }

  @Test
  void theScoreIsTheValidationAccuracyOfTheSameShortTrainingRunByHand() {
    Architecture architecture = TrainingFixtures.tinyArchitecture();
    FitnessScore score = score(fitness(48), architecture, 8);

    // the reference: the documented recipe (1 epoch, learning rate 0.16 x batch / 1024), written
    // out here, not read from the class, so that a changed constant fails this test
    TrainingOptions options =
        TrainingOptions.builder()
            .epochs(1)
            .batchSize(8)
            .learningRatePer1024(0.16)
            .seed(SEED)
            .weightSeed(SEED)
            .build();
    double expected;
    try (TrainingRun run =
        TrainingRun.start(architecture, data().firstTrainingSamples(48), options)) {
      expected = run.runEpoch().validationAccuracy();
    }
    assertThat(score.score()).isEqualTo(expected).isBetween(0.0, 1.0);
    assertThat(score.batchScores()).containsExactly(expected);
    assertThat(score.widthNormalisedScore()).isNull();
    // the untrained network's activity comes with it, as with the training-free functions
    assertThat(score.layers()).isNotEmpty();
    assertThat(score.rdm()).hasSize(8 * 8);
    assertThat(score.simulateMs()).isGreaterThanOrEqualTo(score.fitnessMs());
  }

  @Test
  void theStandardFunctionIsVersionOneOnMnistOnly() {
    TrainedAccuracyFitness standard = TrainedAccuracyFitness.standard();
    assertThat(standard.name()).isEqualTo(FitnessConfig.TRAINED_ACCURACY);
    assertThat(standard.version())
        .isEqualTo(FitnessConfig.CURRENT_VERSIONS.get(FitnessConfig.TRAINED_ACCURACY));
    // version 1's documented recipe (docs/engine.md): changing it needs a new version
    assertThat(TrainedAccuracyFitness.TRAIN_SAMPLES).isEqualTo(2048);
    assertThat(TrainedAccuracyFitness.EPOCHS).isEqualTo(1);
    assertThat(TrainedAccuracyFitness.LEARNING_RATE_PER_1024).isEqualTo(0.16);
    // the task's fault, answered as InvalidTask
    assertThatThrownBy(() -> score(standard, TrainingFixtures.tinyArchitecture(), 8))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessageContaining("mnist");
  }
}

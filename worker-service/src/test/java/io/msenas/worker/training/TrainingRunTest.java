package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.runtime.Nd4jRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void trainsReportsEveryEpochAndSavesAModelThatLoadsBackToTheSameAccuracy(@TempDir Path dir)
      throws IOException {
    TrainingData data = TrainingFixtures.bandsData(48, 24, 24);
    TrainingOptions options =
        TrainingOptions.builder()
            .epochs(4)
            .batchSize(8)
            .evaluationBatchSize(10)
            .learningRatePer1024(2.0)
            .seed(3)
            .build();
    List<EpochProgress> seen = new ArrayList<>();
    List<Integer> checkpoints = new ArrayList<>();
    TrainingResult result;
    try (TrainingRun run = TrainingRun.start(TrainingFixtures.tinyArchitecture(), data, options)) {
      result = run.runToEnd(seen::add, c -> checkpoints.add(c.epochsDone()));
      assertThatThrownBy(run::runEpoch).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(run::finish).hasMessageContaining("already");
    }
    assertThat(seen).extracting(EpochProgress::epoch).containsExactly(1, 2, 3, 4);
    assertThat(checkpoints).containsExactly(1, 2, 3, 4);
    assertThat(seen.get(0).loss()).isGreaterThan(seen.get(3).loss());
    assertThat(seen).allSatisfy(p -> assertThat(p.spikeRate()).isBetween(0.0, 1.0));
    assertThat(seen.get(3).eta()).isZero();
    assertThat(seen.get(3).learningRate()).isLessThan(seen.get(1).learningRate());
    assertThat(result.history()).isEqualTo(seen);
    // model selection on validation: the best epoch's accuracy, and the test measured once
    double best = seen.stream().mapToDouble(EpochProgress::validationAccuracy).max().orElseThrow();
    assertThat(result.bestValidationAccuracy()).isEqualTo(best);
    assertThat(seen.get(result.bestEpoch() - 1).validationAccuracy()).isEqualTo(best);
    // three bright bands are easy: well above chance (1/3)
    assertThat(result.bestValidationAccuracy()).isGreaterThan(0.6);

    try (TrainedModel model = result.model()) {
      assertThat(model.provenance().testAccuracy()).isEqualTo(result.testAccuracy());
      assertThat(model.provenance().bestEpoch()).isEqualTo(result.bestEpoch());
      assertThat(model.provenance().dataset()).isEqualTo("bands");
      assertThat(model.provenance().options()).isEqualTo(options);
      assertThat(model.provenance().runtime().seed()).isEqualTo(3);
      assertThat(model.accuracy(data.test(), data.shape()))
          .isCloseTo(result.testAccuracy(), within(1e-12));
      model.save(dir.resolve("model.bin"));
      try (TrainedModel loaded = TrainedModel.load(dir.resolve("model.bin"))) {
        assertThat(loaded.architecture()).isEqualTo(model.architecture());
        assertThat(loaded.provenance()).isEqualTo(model.provenance());
        assertThat(loaded.parameterCount()).isEqualTo(model.parameterCount());
        assertThat(loaded.logits(data.test(), data.shape()))
            .containsExactly(model.logits(data.test(), data.shape()));
      }
    }
  }

  @Test
  void aNaNLossFailsNamingTheEpochAndBatch() {
    TrainingData clean = TrainingFixtures.bandsData(16, 6, 6);
    SampleSet poisoned =
        new SampleSet() {
          @Override
          public int size() {
            return clean.train().size();
          }

          @Override
          public int label(int index) {
            return clean.train().label(index);
          }

          @Override
          public void copyInto(int index, float[] dst, int offset) {
            clean.train().copyInto(index, dst, offset);
            dst[offset] = Float.NaN;
          }
        };
    TrainingData data =
        new TrainingData(
            "poisoned",
            clean.shape(),
            clean.classes(),
            poisoned,
            clean.validation(),
            clean.test(),
            SampleTransform.NONE);
    TrainingOptions options =
        TrainingOptions.builder().epochs(2).batchSize(8).evaluationBatchSize(6).build();
    try (TrainingRun run = TrainingRun.start(TrainingFixtures.tinyArchitecture(), data, options)) {
      assertThatThrownBy(run::runEpoch)
          .isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("loss was NaN in epoch 1, batch 1")
          .satisfies(
              e -> {
                TrainingDivergedException d = (TrainingDivergedException) e;
                assertThat(d.epoch()).isEqualTo(1);
                assertThat(d.batch()).isEqualTo(1);
              });
    }
  }

  @Test
  void aDataSetThatDoesNotFitTheNetworkIsRejected() {
    TrainingData data = TrainingFixtures.bandsData(4, 6, 6);
    TrainingOptions options = TrainingOptions.builder().batchSize(8).build();
    assertThatThrownBy(() -> TrainingRun.start(TrainingFixtures.tinyArchitecture(), data, options))
        .hasMessageContaining("fewer than one batch of 8");
    TrainingData mnist = TrainingData.shippedMnist();
    assertThatThrownBy(
            () ->
                TrainingRun.start(
                    TrainingFixtures.tinyArchitecture(), mnist, TrainingOptions.builder().build()))
        .hasMessageContaining("the network takes 16x16x1");
  }

  @Test
  void anEmptyValidationOrTestSplitIsRejectedNamingTheDataSetAndItsSplitRule() {
    TrainingOptions options = TrainingOptions.builder().batchSize(8).build();
    Architecture architecture = TrainingFixtures.tinyArchitecture();
    assertThatThrownBy(
            () -> TrainingRun.start(architecture, TrainingFixtures.bandsData(16, 0, 6), options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data set 'bands' has an empty validation split; it needs more samples");
    assertThatThrownBy(
            () -> TrainingRun.start(architecture, TrainingFixtures.bandsData(16, 6, 0), options))
        .hasMessage("data set 'bands' has an empty test split; it needs more samples");

    // a CIFAR10-DVS folder with fewer than 10 files per class validates on nothing
    TrainingData bands = TrainingFixtures.bandsData(16, 0, 6);
    TrainingData fewFiles =
        new TrainingData(
            "cifar10-dvs",
            bands.shape(),
            bands.classes(),
            bands.train(),
            bands.validation(),
            bands.test(),
            bands.augmentation());
    assertThatThrownBy(() -> TrainingRun.start(architecture, fewFiles, options))
        .hasMessageStartingWith("data set 'cifar10-dvs' has an empty validation split (split rule:")
        .hasMessageContaining("floor(floor(9n / 10) / 9)")
        .hasMessageContaining("fewer than 10 files");
  }
}

package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

  @Test
  void defaultsAreThePapersRecipe() {
    TrainingOptions o = TrainingOptions.builder().build();
    assertThat(o.batchSize()).isEqualTo(128);
    assertThat(o.learningRatePer1024()).isEqualTo(5e-3);
    assertThat(o.minLearningRate()).isEqualTo(1e-5);
    assertThat(o.warmupEpochs()).isEqualTo(5);
    assertThat(o.weightDecay()).isEqualTo(0.01);
    assertThat(o.beta1()).isEqualTo(0.9);
    assertThat(o.beta2()).isEqualTo(0.999);
    assertThat(o.labelSmoothing()).isEqualTo(0.1);
    assertThat(o.dropPathMax()).isZero();
    assertThat(o.detachReset()).isTrue();
    assertThat(o.toBuilder().build()).isEqualTo(o);
  }

  @Test
  void badValuesAreRejectedWithTheValueInTheMessage() {
    assertThatThrownBy(() -> TrainingOptions.builder().batchSize(1).build())
        .hasMessage("batchSize must be >= 2, was 1");
    assertThatThrownBy(() -> TrainingOptions.builder().labelSmoothing(1).build())
        .hasMessage("labelSmoothing must be in [0, 1), was 1.0");
    assertThatThrownBy(() -> TrainingOptions.builder().learningRatePer1024(-1).build())
        .hasMessage("learningRatePer1024 must be > 0, was -1.0");
    assertThatThrownBy(() -> TrainingOptions.builder().dropPathMax(1).build())
        .hasMessage("dropPathMax must be in [0, 1), was 1.0");
  }
}

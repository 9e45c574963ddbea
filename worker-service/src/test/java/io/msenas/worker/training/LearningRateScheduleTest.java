package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  private final LearningRateSchedule schedule = new LearningRateSchedule(1e-2, 1e-5, 5, 105);

  @Test
  void warmsUpLinearlyFromTheFloorToThePeak() {
    assertThat(schedule.at(0)).isCloseTo(1e-5, within(1e-15));
    assertThat(schedule.at(2.5)).isCloseTo(1e-5 + (1e-2 - 1e-5) / 2, within(1e-12));
    assertThat(schedule.at(5)).isCloseTo(1e-2, within(1e-15));
  }

  @Test
  void thenFollowsACosineBackToTheFloor() {
    // halfway through the cosine part (epoch 5 + 50): the mean of peak and floor
    assertThat(schedule.at(55)).isCloseTo((1e-2 + 1e-5) / 2, within(1e-12));
    // a quarter of the way: floor + (peak - floor) (1 + cos(pi/4)) / 2
    assertThat(schedule.at(30))
        .isCloseTo(1e-5 + (1e-2 - 1e-5) * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-12));
    assertThat(schedule.at(105)).isCloseTo(1e-5, within(1e-15));
    double previous = Double.MAX_VALUE;
    for (double p = 5; p <= 105; p += 0.5) {
      assertThat(schedule.at(p)).isLessThanOrEqualTo(previous);
      previous = schedule.at(p);
    }
  }

  @Test
  void peakScalesWithTheBatchAndWarmUpShrinksForShortRuns() {
    TrainingOptions paper = TrainingOptions.builder().build();
    assertThat(paper.peakLearningRate()).isCloseTo(5e-3 * 128 / 1024, within(1e-15));
    assertThat(paper.effectiveWarmupEpochs()).isEqualTo(5);
    TrainingOptions shortRun =
        TrainingOptions.builder().epochs(12).batchSize(64).learningRatePer1024(0.08).build();
    assertThat(shortRun.peakLearningRate()).isCloseTo(0.005, within(1e-15));
    assertThat(shortRun.effectiveWarmupEpochs()).isCloseTo(1.2, within(1e-12));
    assertThat(LearningRateSchedule.of(shortRun).at(1.2)).isCloseTo(0.005, within(1e-12));
  }

  @Test
  void rejectsProgressOutsideTheRun() {
    assertThatThrownBy(() -> schedule.at(106))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("106");
    assertThatThrownBy(() -> new LearningRateSchedule(1, 0, 10, 10))
        .hasMessageContaining("warmupEpochs must be in [0, 10), was 10");
  }
}

package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The training-step profiler times real steps and names the ops that took the time. */
class StepProfilerTest {

  @Test
  void printsEveryCountedStepAndTheConvolutionsAmongTheOps() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StepProfiler.profile(
        TrainingFixtures.tinyArchitecture(),
        TrainingFixtures.bandsData(8, 4, 4),
        4,
        2,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("step 0:", "step 1:", "step 2:").doesNotContain("step 3:");
    assertThat(out).containsPattern("mean step [0-9.]+ ms \\(batch 4\\)");
    // the forward and backward convolutions ran in both counted steps
    assertThat(out).containsPattern("conv2d +[0-9.]+ ms/step +[1-9][0-9]* calls/step");
    assertThat(out).containsPattern("conv2d_bp +[0-9.]+ ms/step +[1-9][0-9]* calls/step");
  }

  @Test
  void rejectsZeroSteps() {
    assertThatThrownBy(
            () ->
                StepProfiler.profile(
                    TrainingFixtures.tinyArchitecture(),
                    TrainingFixtures.bandsData(8, 4, 4),
                    4,
                    0,
                    System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps");
  }
}

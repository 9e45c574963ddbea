package io.msenas.worker.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.InvalidGenomeException;
import io.msenas.model.message.Failure;
import io.msenas.worker.data.DatasetFormatException;
import io.msenas.worker.evaluation.InvalidTaskException;
import io.msenas.worker.training.TrainingDivergedException;
import org.junit.jupiter.api.Test;

/** Which training failures are final and which a worker may retry ({@link TrainingWorker}). */
class TrainingFailureTest {

  @Test
  void aBadTaskOrADivergedRunFailsForGood() {
    assertThat(TrainingWorker.failureOf(new InvalidTaskException("batch 4096 > 512 samples")))
        .isEqualTo(new Failure("InvalidTask", "batch 4096 > 512 samples", false));
    assertThat(TrainingWorker.failureOf(new InvalidGenomeException("gene 3 is 9", 3)))
        .extracting(Failure::type, Failure::retryable)
        .containsExactly("InvalidGenome", false);
    assertThat(TrainingWorker.failureOf(new DatasetFormatException("x.idx", "truncated")))
        .extracting(Failure::type, Failure::retryable)
        .containsExactly("InvalidData", false);
    assertThat(TrainingWorker.failureOf(new TrainingDivergedException(2, 5, Double.NaN)))
        .extracting(Failure::type, Failure::retryable)
        .containsExactly("Diverged", false);
  }

  @Test
  void anIllegalArgumentFromInsideTheEngineIsTheWorkersFaultAndMayBeRetried() {
    Failure failure =
        TrainingWorker.failureOf(new IllegalArgumentException("shapes [2, 3] and [4] differ"));
    assertThat(failure.type()).isEqualTo("TrainingError");
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.message()).contains("shapes [2, 3] and [4] differ");
  }

  @Test
  void theChecksBeforeTrainingTurnIllegalArgumentsIntoBadTasks() {
    assertThatThrownBy(
            () ->
                InvalidTaskException.check(
                    () -> {
                      throw new IllegalArgumentException("channels must be even, was 7");
                    }))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("channels must be even, was 7");
    InvalidGenomeException genome = new InvalidGenomeException("gene 3 is 9", 3);
    assertThatThrownBy(
            () ->
                InvalidTaskException.check(
                    () -> {
                      throw genome;
                    }))
        .isSameAs(genome);
    assertThat(InvalidTaskException.check(() -> 42)).isEqualTo(42);
  }
}

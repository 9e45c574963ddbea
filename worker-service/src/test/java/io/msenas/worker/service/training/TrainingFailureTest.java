package io.msenas.worker.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.InvalidGenomeException;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.Failure;
import io.msenas.model.message.TrainingHyperparameters;
import io.msenas.model.message.TrainingTask;
import io.msenas.worker.data.DatasetFormatException;
import io.msenas.worker.evaluation.InvalidTaskException;
import io.msenas.worker.training.TrainingDivergedException;
import io.msenas.worker.training.TrainingRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void anErrorIsTheWorkersFaultAndMayBeRetried() {
    // as an evaluation's: named by the error, retryable (maybe on another worker)
    assertThat(TrainingWorker.failureOf(new NoClassDefFoundError("org/nd4j/linalg/Foo")))
        .isEqualTo(new Failure("NoClassDefFoundError", "org/nd4j/linalg/Foo", true));
    assertThat(TrainingWorker.failureOf(new StackOverflowError()))
        .isEqualTo(new Failure("StackOverflowError", "null", true));
  }

  @TempDir Path dataRoot;

  /** Four cells (smoke), cell 0 with motif {@code motif}, k = 3. */
  private static TrainingTask task(int motif, int batchSize, int trainSamples) {
    SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);
    int[] genes = new int[space.genomeLength()];
    genes[0] = motif;
    genes[genes.length - 1] = 3;
    return new TrainingTask(
        TrainingTask.SCHEMA_VERSION,
        UUID.randomUUID(),
        1,
        space,
        new Genome(space.version(), genes),
        "mnist",
        new TrainingHyperparameters(
            4, 2, 1, batchSize, 0.08, 1e-5, 0, 0.01, 0.1, 0.0, 99, trainSamples),
        null,
        List.of());
  }

  /** A worker with no broker: only {@link TrainingWorker#open} is called. */
  private TrainingWorker worker() {
    return new TrainingWorker(
        null,
        null,
        null,
        new TrainingDataSource(dataRoot),
        null,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1));
  }

  @Test
  void aBatchLargerThanTheTrainingSplitFailsTheTaskForGoodBeforeTraining() {
    // the shipped digits, cut to 16 training samples, and a batch of 32
    RuntimeException thrown = catchRuntime(() -> worker().open(task(1, 32, 16)));
    assertThat(thrown)
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("the training split has 16 samples, fewer than one batch of 32");
    assertThat(TrainingWorker.failureOf(thrown))
        .extracting(Failure::type, Failure::retryable)
        .containsExactly("InvalidTask", false);
  }

  @Test
  void aNetworkTheInputNeverReachesFailsAsAnInvalidGenomeBeforeTraining() {
    RuntimeException thrown = catchRuntime(() -> worker().open(task(0, 8, 16)));
    assertThat(thrown)
        .isInstanceOf(InvalidGenomeException.class)
        .hasMessageContaining("the zero cell 0 (motif m0) cuts every one");
    assertThat(TrainingWorker.failureOf(thrown))
        .extracting(Failure::type, Failure::retryable)
        .containsExactly("InvalidGenome", false);
  }

  @Test
  void aCheckpointThatCannotBeReadFailsTheTaskForGoodNamingWhatIsWrong() {
    TrainingTask task = task(1, 8, 16);
    byte[] checkpoint;
    try (TrainingRun run = worker().open(task)) {
      checkpoint = run.checkpoint().toBytes();
    }
    // the last bytes are the optimizer state's
    TrainingTask resumed = withCheckpoint(task, Arrays.copyOf(checkpoint, checkpoint.length - 2));

    RuntimeException thrown = catchRuntime(() -> worker().open(resumed));

    assertThat(thrown)
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("damaged checkpoint: its optimizer state is cut short");
    assertThat(TrainingWorker.failureOf(thrown))
        .extracting(Failure::type, Failure::retryable)
        .containsExactly("InvalidTask", false);
  }

  private static TrainingTask withCheckpoint(TrainingTask task, byte[] checkpoint) {
    return new TrainingTask(
        task.schemaVersion(),
        task.trainingId(),
        task.attempt() + 1,
        task.searchSpace(),
        task.genome(),
        task.dataset(),
        task.hyperparameters(),
        Base64.getEncoder().encodeToString(checkpoint),
        task.scoreWith());
  }

  private static RuntimeException catchRuntime(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected an exception");
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

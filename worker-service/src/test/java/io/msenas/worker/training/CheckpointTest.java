package io.msenas.worker.training;

import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.worker.runtime.Nd4jRuntime;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A checkpoint taken after an epoch resumes to the same next epoch as the uninterrupted run: same
 * loss, accuracies, spike rate and parameters (weights, optimizer moments and the per-epoch random
 * streams all come back).
 */
class CheckpointTest {

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  static TrainingOptions options() {
    return TrainingOptions.builder()
        .epochs(3)
        .batchSize(8)
        .evaluationBatchSize(12)
        .learningRatePer1024(1.0)
        .dropPathMax(0.2)
        .seed(5)
        .build();
  }

  @Test
  void resumedRunRepeatsTheNextEpochExactly(@TempDir Path dir) throws IOException {
    TrainingData data = TrainingFixtures.bandsData(32, 12, 12);
    Architecture architecture = TrainingFixtures.tinyArchitecture();
    EpochProgress uninterrupted;
    Checkpoint checkpoint;
    byte[] finalState;
    try (TrainingRun run = TrainingRun.start(architecture, data, options())) {
      run.runEpoch();
      checkpoint = run.checkpoint();
      checkpoint.save(dir.resolve("run.ckpt"));
      uninterrupted = run.runEpoch();
      finalState = run.checkpoint().toBytes();
    }
    Checkpoint loaded = Checkpoint.load(dir.resolve("run.ckpt"));
    assertThat(loaded.epochsDone()).isEqualTo(1);
    assertThat(loaded.architecture()).isEqualTo(architecture);
    assertThat(loaded.options()).isEqualTo(options());
    try (TrainingRun resumed = TrainingRun.resume(loaded, data)) {
      assertThat(resumed.epochsDone()).isEqualTo(1);
      assertThat(resumed.history()).hasSize(1);
      EpochProgress repeated = resumed.runEpoch();
      assertThat(repeated.epoch()).isEqualTo(2);
      assertThat(repeated.loss()).isEqualTo(uninterrupted.loss());
      assertThat(repeated.trainAccuracy()).isEqualTo(uninterrupted.trainAccuracy());
      assertThat(repeated.validationAccuracy()).isEqualTo(uninterrupted.validationAccuracy());
      assertThat(repeated.spikeRate()).isEqualTo(uninterrupted.spikeRate());
      assertThat(repeated.learningRate()).isEqualTo(uninterrupted.learningRate());
      // parameters, statistics, best parameters and optimizer state after epoch 2: the same bytes
      // except the header's wall-clock times
      assertThat(tensors(resumed.checkpoint().toBytes())).isEqualTo(tensors(finalState));
    }
  }

  /** The tensor part of a checkpoint (after the JSON header). */
  private static byte[] tensors(byte[] checkpoint) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(checkpoint);
    int offset = Checkpoint.MAGIC.length() + 4;
    int headerLength = buffer.getInt(offset);
    return java.util.Arrays.copyOfRange(checkpoint, offset + 4 + headerLength, checkpoint.length);
  }

  @Test
  void aResumeThatFailsClosesTheCheckpointsTensors() {
    TrainingData data = TrainingFixtures.bandsData(16, 6, 6);
    Checkpoint checkpoint;
    try (TrainingRun run =
        TrainingRun.start(TrainingFixtures.tinyArchitecture(), data, options())) {
      run.runEpoch();
      checkpoint = run.checkpoint();
    }
    // the same network with 5x5 kernels: its parameters do not fit the checkpoint's
    Architecture tiny = TrainingFixtures.tinyArchitecture();
    Architecture wider =
        new Architecture(
            tiny.space(), genome(tiny.space(), 3, cell(0, 2, 1, 1, 1, 1, 1, 1)), tiny.spec());
    Checkpoint.State decoded = checkpoint.state();
    Checkpoint.Header header = decoded.header();
    Checkpoint.State mismatched =
        new Checkpoint.State(
            new Checkpoint.Header(
                wider,
                header.options(),
                header.dataset(),
                header.epochsDone(),
                header.bestEpoch(),
                header.bestValidationAccuracy(),
                header.elapsedNanos(),
                header.history()),
            decoded.parameters(),
            decoded.best(),
            decoded.optimizer());

    assertThatThrownBy(() -> TrainingRun.resume(mismatched, data))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(decoded.parameters().trainableMap().values()).allMatch(INDArray::wasClosed);
    assertThat(decoded.best().trainableMap().values()).allMatch(INDArray::wasClosed);

    // also when the data set is not the checkpoint's
    Checkpoint.State again = checkpoint.state();
    TrainingData other =
        new TrainingData(
            "other",
            data.shape(),
            data.classes(),
            data.train(),
            data.validation(),
            data.test(),
            data.augmentation());
    assertThatThrownBy(() -> TrainingRun.resume(again, other))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(again.parameters().trainableMap().values()).allMatch(INDArray::wasClosed);
  }

  @Test
  void aCheckpointOfAnotherDataSetOrAForeignFileIsRejected(@TempDir Path dir) throws IOException {
    TrainingData data = TrainingFixtures.bandsData(16, 6, 6);
    Checkpoint checkpoint;
    try (TrainingRun run =
        TrainingRun.start(TrainingFixtures.tinyArchitecture(), data, options())) {
      run.runEpoch();
      checkpoint = run.checkpoint();
    }
    TrainingData other =
        new TrainingData(
            "other",
            data.shape(),
            data.classes(),
            data.train(),
            data.validation(),
            data.test(),
            data.augmentation());
    assertThatThrownBy(() -> TrainingRun.resume(checkpoint, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bands'");
    Path foreign = dir.resolve("foreign");
    Files.write(foreign, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Checkpoint.load(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MSENAS-CHECKPOINT");
  }

  /**
   * Damage a run can never get past is an {@link IllegalArgumentException} naming it (the worker
   * fails such a task for good), never an unchecked I/O or JSON error (retried in vain).
   */
  @Test
  void aHeaderThatIsNotOneIsRejected() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Container.writeHeader(
          out, Checkpoint.MAGIC, Checkpoint.VERSION, "{\"epochsDone\": oops".getBytes(UTF_8));
    }
    assertThatThrownBy(() -> Checkpoint.fromBytes(bytes.toByteArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a readable checkpoint");
  }

  @Test
  void anOptimizerStateCutShortIsRejectedNamingIt() {
    TrainingData data = TrainingFixtures.bandsData(16, 6, 6);
    byte[] bytes;
    // before the first epoch: no moments yet, the optimizer state is its step count and a 0
    try (TrainingRun run =
        TrainingRun.start(TrainingFixtures.tinyArchitecture(), data, options())) {
      bytes = run.checkpoint().toBytes();
    }
    Checkpoint cut = Checkpoint.fromBytes(Arrays.copyOf(bytes, bytes.length - 2));
    assertThatThrownBy(() -> TrainingRun.resume(cut, data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("damaged checkpoint: its optimizer state is cut short");

    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    assertThatThrownBy(() -> TrainingRun.resume(Checkpoint.fromBytes(longer), data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("optimizer state")
        .hasMessageContaining("3 stray byte(s)");
  }

  @Test
  void optimizerMomentsThatDoNotFitTheParametersAreRejectedNamingThem() throws IOException {
    TrainingData data = TrainingFixtures.bandsData(16, 6, 6);
    Checkpoint checkpoint;
    try (TrainingRun run =
        TrainingRun.start(TrainingFixtures.tinyArchitecture(), data, options())) {
      checkpoint = run.checkpoint();
    }
    Checkpoint.State decoded = checkpoint.state();
    // one moment pair of a single value for head.b, which has one per class
    ByteArrayOutputStream optimizer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(optimizer)) {
      out.writeLong(1);
      out.writeInt(1);
      out.writeUTF("head.b");
      TensorCodec.writeFloats(out, new float[] {0.5f});
      TensorCodec.writeFloats(out, new float[] {0.25f});
    }
    Checkpoint.State damaged =
        new Checkpoint.State(
            decoded.header(), decoded.parameters(), decoded.best(), optimizer.toByteArray());

    assertThatThrownBy(() -> TrainingRun.resume(damaged, data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "damaged checkpoint: optimizer moments of 'head.b' have 1 and 1 values, not "
                + TrainingFixtures.CLASSES);
    assertThat(decoded.parameters().trainableMap().values()).allMatch(INDArray::wasClosed);
  }
}

package io.msenas.worker.data;

import static io.msenas.worker.data.CifarFiles.record;
import static io.msenas.worker.data.CifarFiles.value;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {

  @TempDir Path dir;

  /**
   * The five CIFAR-10 training batches with two records each (ids 0..9, label = id), a test one.
   */
  private void writeCifar10(Path folder) {
    mkdirs(folder);
    for (int b = 1; b <= 5; b++) {
      int first = 2 * (b - 1);
      write(
          folder,
          "data_batch_" + b + ".bin",
          EventFiles.concat(record(first, first), record(first + 1, first + 1)));
    }
    write(folder, "test_batch.bin", record(40, 3));
  }

  @Test
  void decodesCifar10PixelsPlaneByPlaneIntoNhwcAndLabelsInFileOrder() {
    writeCifar10(dir);

    DatasetSplits cifar = Datasets.cifar(CifarDataset.Variant.CIFAR10, dir, 2);

    assertThat(cifar.train().size()).isEqualTo(8);
    assertThat(cifar.validation().size()).isEqualTo(2);
    assertThat(cifar.test().size()).isEqualTo(1);
    assertThat(labels(cifar.train())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(labels(cifar.validation())).containsExactly(8, 9);
    assertThat(labels(cifar.test())).containsExactly(3);
    assertThat(cifar.geometry()).isEqualTo(new SampleGeometry(1, 32, 3));
    assertImageIs(cifar.train().sample(5), 5);
    assertImageIs(cifar.validation().sample(1), 9);
    assertImageIs(cifar.test().sample(0), 40);
  }

  @Test
  void pixelsAreRgbAdjacentAndScaledToTheUnitRange() {
    byte[] record = new byte[1 + 3072];
    record[0] = 1;
    record[1] = (byte) 255; // red of (0, 0)
    record[1 + 1024] = 51; // green of (0, 0)
    record[1 + 2048 + 33] = (byte) 128; // blue of (1, 1)
    Path file = write(dir, "one.bin", record);

    CifarDataset data = CifarDataset.load(CifarDataset.Variant.CIFAR10, List.of(file));
    float[] image = new float[32 * 32 * 3];
    data.copyImage(0, image, 0);

    assertThat(data.pixel(0, 0, 0, 0)).isEqualTo(255);
    assertThat(data.pixel(0, 2, 1, 1)).isEqualTo(128);
    assertThat(Arrays.copyOfRange(image, 0, 3)).containsExactly(1f, 0.2f, 0f);
    assertThat(image[(32 + 1) * 3 + 2]).isEqualTo(128 / 255f);
    assertThat(EventFramesTest.sum(image)).isEqualTo(1.0 + 51 / 255f + 128 / 255f, within());
  }

  @Test
  void findsTheFilesInTheExtractedArchiveFolder() {
    writeCifar10(dir.resolve("cifar-10-batches-bin"));

    DatasetSplits viaParent = Datasets.cifar(CifarDataset.Variant.CIFAR10, dir, 2);
    DatasetSplits direct =
        Datasets.cifar(CifarDataset.Variant.CIFAR10, dir.resolve("cifar-10-batches-bin"), 2);

    assertThat(viaParent.train().size()).isEqualTo(8);
    assertThat(viaParent.source()).contains("cifar-10-batches-bin");
    assertThat(direct.train().sample(3)).containsExactly(viaParent.train().sample(3));
  }

  @Test
  void cifar100UsesTheFineLabelAndKeepsTheCoarseOne() {
    Path folder = mkdirs(dir.resolve("cifar-100-binary"));
    // coarse label byte first, then the fine label byte
    write(
        folder,
        "train.bin",
        EventFiles.concat(record(0, 19, 99), record(1, 4, 0), record(2, 0, 57)));
    write(folder, "test.bin", record(3, 11, 42));

    DatasetSplits cifar = Datasets.cifar(CifarDataset.Variant.CIFAR100, dir, 1);
    CifarDataset train = CifarDataset.loadTrain(CifarDataset.Variant.CIFAR100, dir);

    assertThat(cifar.id()).isEqualTo(DatasetId.CIFAR100);
    assertThat(cifar.classes()).isEqualTo(100);
    assertThat(labels(cifar.train())).containsExactly(99, 0);
    assertThat(labels(cifar.validation())).containsExactly(57);
    assertThat(labels(cifar.test())).containsExactly(42);
    assertThat(new int[] {train.coarseLabel(0), train.coarseLabel(1), train.coarseLabel(2)})
        .containsExactly(19, 4, 0);
    assertImageIs(cifar.train().sample(1), 1);
    assertImageIs(cifar.test().sample(0), 3);
  }

  @Test
  void cifar10HasNoCoarseLabels() {
    Path file = write(dir, "one.bin", record(0, 1));
    CifarDataset data = CifarDataset.load(CifarDataset.Variant.CIFAR10, List.of(file));

    assertThatThrownBy(() -> data.coarseLabel(0))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("CIFAR-10 has no coarse labels");
  }

  @Test
  void theValidationSplitIsTheLast5000TrainingRecords() {
    writeCifar10(dir);

    assertThatThrownBy(() -> Datasets.open("cifar10", dir, 1))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("data_batch_1.bin")
        .hasMessageContaining(
            "holds 10 training records, too few to set 5000 aside for validation");
  }

  @Test
  void rejectsAMissingDirectory() {
    Path missing = dir.resolve("nowhere");

    assertThatThrownBy(() -> Datasets.open("cifar10", missing, 1))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(missing + ": directory not found");
  }

  @Test
  void rejectsAMissingBatchNamingIt() throws IOException {
    writeCifar10(dir);
    Files.delete(dir.resolve("data_batch_3.bin"));

    assertThatThrownBy(() -> Datasets.cifar(CifarDataset.Variant.CIFAR10, dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("data_batch_3.bin") + ": file not found")
        .hasMessageContaining("cifar-10-batches-bin");
  }

  @Test
  void rejectsAMissingTestFile() throws IOException {
    writeCifar10(dir);
    Files.delete(dir.resolve("test_batch.bin"));

    assertThatThrownBy(() -> Datasets.cifar(CifarDataset.Variant.CIFAR10, dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("test_batch.bin") + ": file not found");
  }

  @Test
  void rejectsATruncatedRecordNamingItsIndex() {
    writeCifar10(dir);
    byte[] batch = EventFiles.concat(record(2, 2), record(3, 3));
    write(dir, "data_batch_2.bin", Arrays.copyOf(batch, batch.length + 100 - 3073));

    assertThatThrownBy(() -> Datasets.cifar(CifarDataset.Variant.CIFAR10, dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("data_batch_2.bin").toString())
        .hasMessageContaining("record 1 is truncated: a CIFAR-10 record has 3073 bytes")
        .hasMessageContaining("the last one has 100");
  }

  @Test
  void rejectsACifar100FileReadAsCifar10ByItsLength() {
    Path file = write(dir, "train.bin", record(0, 1, 2));

    assertThatThrownBy(() -> CifarDataset.load(CifarDataset.Variant.CIFAR10, List.of(file)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "record 1 is truncated: a CIFAR-10 record has 3073 bytes, the last one has 1"
                + " (file length 3074)");
  }

  @Test
  void rejectsLabelsOutOfRangeNamingTheRecord() {
    Path ten = write(dir, "ten.bin", EventFiles.concat(record(0, 9), record(1, 10)));
    Path fine = write(dir, "fine.bin", EventFiles.concat(record(0, 3, 100)));
    Path coarse = write(dir, "coarse.bin", EventFiles.concat(record(0, 3, 5), record(1, 20, 5)));

    assertThatThrownBy(() -> CifarDataset.load(CifarDataset.Variant.CIFAR10, List.of(ten)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(ten + ": record 1 has label 10; labels must be 0..9");
    assertThatThrownBy(() -> CifarDataset.load(CifarDataset.Variant.CIFAR100, List.of(fine)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(fine + ": record 0 has fine label 100; labels must be 0..99");
    assertThatThrownBy(() -> CifarDataset.load(CifarDataset.Variant.CIFAR100, List.of(coarse)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(coarse + ": record 1 has coarse label 20; coarse labels must be 0..19");
  }

  @Test
  void rejectsAnEmptyFile() {
    Path empty = write(dir, "empty.bin", new byte[0]);

    assertThatThrownBy(() -> CifarDataset.load(CifarDataset.Variant.CIFAR10, List.of(empty)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(empty + ": is empty; it holds no records");
  }

  static Path mkdirs(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] labels(SampleSet set) {
    int[] labels = new int[set.size()];
    Arrays.setAll(labels, set::label);
    return labels;
  }

  private static void assertImageIs(float[] image, int id) {
    assertThat(image).hasSize(32 * 32 * 3);
    for (int row = 0; row < 32; row++) {
      for (int col = 0; col < 32; col++) {
        for (int c = 0; c < 3; c++) {
          assertThat(image[(row * 32 + col) * 3 + c])
              .as("image %d, row %d, col %d, channel %d", id, row, col, c)
              .isEqualTo(value(id, c, row, col) / 255f);
        }
      }
    }
  }

  private static Offset<Double> within() {
    return Offset.offset(1e-6);
  }
}

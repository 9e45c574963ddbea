package io.msenas.worker.data;

import static io.msenas.worker.data.IdxFiles.gzip;
import static io.msenas.worker.data.IdxFiles.idx;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {

  // three 2x3 images
  private static final int[] PIXELS = {
    0, 255, 51, 255, 0, 102,
    1, 2, 3, 4, 5, 6,
    255, 255, 255, 255, 255, 255,
  };
  private static final int[] LABELS = {7, 0, 9};

  @TempDir Path dir;

  private Path images;
  private Path labels;

  @BeforeEach
  void writeFiles() {
    images = write(dir, "images.idx3", idx(new int[] {3, 2, 3}, PIXELS));
    labels = write(dir, "labels.idx1.gz", gzip(idx(new int[] {3}, LABELS)));
  }

  @Test
  void exposesShapeLabelsPixelsAndClassCounts() {
    MnistDataset data = MnistDataset.load(images, labels);

    assertThat(data.size()).isEqualTo(3);
    assertThat(data.rows()).isEqualTo(2);
    assertThat(data.cols()).isEqualTo(3);
    assertThat(new int[] {data.label(0), data.label(1), data.label(2)}).containsExactly(LABELS);
    assertThat(data.pixel(0, 0, 1)).isEqualTo(255);
    assertThat(data.pixel(0, 1, 2)).isEqualTo(102);
    assertThat(data.classCounts()).containsExactly(1, 0, 0, 0, 0, 0, 0, 1, 0, 1);
    assertThat(data.source()).contains(images.toString()).contains(labels.toString());
  }

  @Test
  void plainAndGzippedFilesGiveTheSameData() {
    Path zippedImages = write(dir, "images.idx3.gz", gzip(idx(new int[] {3, 2, 3}, PIXELS)));
    Path plainLabels = write(dir, "labels.idx1", idx(new int[] {3}, LABELS));

    float[] a = MnistDataset.load(images, labels).batchNchw(new int[] {0, 1, 2}, 3);
    float[] b = MnistDataset.load(zippedImages, plainLabels).batchNchw(new int[] {0, 1, 2}, 3);

    assertThat(b).containsExactly(a);
  }

  @Test
  void copyImageScalesToUnitRangeAndCentresInPadding() {
    MnistDataset data = MnistDataset.load(images, labels);
    float[] dst = new float[2 + 36];
    Arrays.fill(dst, Float.NaN); // proves every padded cell is written, not left as it was

    data.copyImage(0, 6, dst, 2);

    // 2 rows in 6: 2 above, 2 below; 3 cols in 6: 1 left, 2 right (the odd one goes right)
    float[] expected = new float[36];
    float[] row0 = {0f, 1f, 0.2f};
    float[] row1 = {1f, 0f, 0.4f};
    System.arraycopy(row0, 0, expected, 2 * 6 + 1, 3);
    System.arraycopy(row1, 0, expected, 3 * 6 + 1, 3);
    assertThat(Float.isNaN(dst[0]) && Float.isNaN(dst[1]))
        .as("cells before offset untouched")
        .isTrue();
    assertThat(Arrays.copyOfRange(dst, 2, 38)).containsExactly(expected);
    assertThat(dst[2 + 2 * 6 + 2]).isEqualTo(1.0f); // 255 is exactly 1, not 0.99999
    assertThat(dst[2 + 2 * 6 + 3]).isEqualTo(51 / 255f);
  }

  @Test
  void copyImageWithoutPaddingKeepsImage() {
    MnistDataset data = MnistDataset.load(images, labels);
    float[] dst = new float[9];

    data.copyImage(1, 3, dst, 0);

    assertThat(dst)
        .containsExactly(1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f, 5 / 255f, 6 / 255f, 0f, 0f, 0f);
  }

  @Test
  void batchIsNchwInIndexOrder() {
    MnistDataset data = MnistDataset.load(images, labels);

    float[] batch = data.batchNchw(new int[] {2, 0, 2}, 4);

    assertThat(batch).hasSize(3 * 4 * 4);
    float[] single = new float[16];
    data.copyImage(2, 4, single, 0);
    assertThat(Arrays.copyOfRange(batch, 0, 16)).containsExactly(single);
    assertThat(Arrays.copyOfRange(batch, 32, 48)).containsExactly(single);
    data.copyImage(0, 4, single, 0);
    assertThat(Arrays.copyOfRange(batch, 16, 32)).containsExactly(single);
    // image 2 is all 255: rows 1..2, cols 0..2 of the 4x4 square, the rest zero
    assertThat(Arrays.copyOfRange(batch, 0, 16))
        .containsExactly(0f, 0f, 0f, 0f, 1f, 1f, 1f, 0f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f);
  }

  @Test
  void rejectsPaddedSizeSmallerThanImage() {
    MnistDataset data = MnistDataset.load(images, labels);

    assertThatThrownBy(() -> data.copyImage(0, 2, new float[100], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least the image size 2 x 3, was 2");
    assertThatThrownBy(() -> data.batchNchw(new int[] {0}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 1");
  }

  @Test
  void rejectsDestinationTooSmallAndBadIndices() {
    MnistDataset data = MnistDataset.load(images, labels);

    assertThatThrownBy(() -> data.copyImage(0, 4, new float[20], 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 5 does not fit in dst of length 20");
    assertThatThrownBy(() -> data.label(3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("0..2, was 3");
    assertThatThrownBy(() -> data.batchNchw(new int[] {0, -1}, 3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("was -1");
  }

  @Test
  void rejectsLabelOutOfRangeNamingRecord() {
    Path bad = write(dir, "bad-labels.idx1", idx(new int[] {3}, 7, 10, 9));

    assertThatThrownBy(() -> MnistDataset.load(images, bad))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("record 1 has label 10; labels must be 0..9");
  }

  @Test
  void rejectsCountMismatchNamingBothFiles() {
    Path two = write(dir, "two-labels.idx1", idx(new int[] {2}, 7, 0));

    assertThatThrownBy(() -> MnistDataset.load(images, two))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(two.toString())
        .hasMessageContaining(images.toString())
        .hasMessageContaining("record count mismatch: labels file has 2 labels")
        .hasMessageContaining("has 3 images");
  }

  @Test
  void rejectsFilesSwapped() {
    assertThatThrownBy(() -> MnistDataset.load(labels, images))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(labels.toString())
        .hasMessageContaining("expected 3")
        .hasMessageContaining("found 1");
  }

  @Test
  void rejectsMissingLabelsFile() {
    Path missing = dir.resolve("missing-labels.idx1");

    assertThatThrownBy(() -> MnistDataset.load(images, missing))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("file not found");
  }
}

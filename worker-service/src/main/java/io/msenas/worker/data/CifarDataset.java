package io.msenas.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled 32 x 32 colour images in the CIFAR "binary version" layout.
 *
 * <p>A file is a plain sequence of records, no header. A CIFAR-10 record is 1 label byte (0..9) and
 * 3,072 pixel bytes; a CIFAR-100 record is a coarse label byte (0..19), a fine label byte (0..99)
 * and the same 3,072 pixel bytes. The pixels are three 32 x 32 planes, red then green then blue,
 * each row-major (the first 32 bytes are the red channel of the image's top row). {@link #label} is
 * the CIFAR-10 label or the CIFAR-100 fine label; {@link #coarseLabel} the CIFAR-100 superclass.
 *
 * <p>Immutable and thread-safe. Pixels are handed out as floats {@code byte / 255f} in [0, 1], in
 * NHWC order (R, G, B of a pixel adjacent).
 */
final class CifarDataset {

  /** Height and width of every image. */
  static final int SIZE = 32;

  static final int CHANNELS = 3;
  static final int PIXEL_BYTES = SIZE * SIZE * CHANNELS;

  private static final float[] UNIT_SCALE = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      UNIT_SCALE[b] = b / 255f;
    }
  }

  /** The two CIFAR binary distributions. */
  enum Variant {
    CIFAR10(
        "CIFAR-10",
        "cifar-10-batches-bin",
        List.of(
            "data_batch_1.bin",
            "data_batch_2.bin",
            "data_batch_3.bin",
            "data_batch_4.bin",
            "data_batch_5.bin"),
        List.of("test_batch.bin"),
        10,
        0),
    CIFAR100("CIFAR-100", "cifar-100-binary", List.of("train.bin"), List.of("test.bin"), 100, 20);

    final String title;
    final String extractedFolder;
    final List<String> trainFiles;
    final List<String> testFiles;
    final int classes;
    final int coarseClasses;

    Variant(
        String title,
        String extractedFolder,
        List<String> trainFiles,
        List<String> testFiles,
        int classes,
        int coarseClasses) {
      this.title = title;
      this.extractedFolder = extractedFolder;
      this.trainFiles = trainFiles;
      this.testFiles = testFiles;
      this.classes = classes;
      this.coarseClasses = coarseClasses;
    }

    /** Label bytes before the pixels of each record: 1, or 2 for CIFAR-100 (coarse, fine). */
    int labelBytes() {
      return coarseClasses == 0 ? 1 : 2;
    }

    int recordBytes() {
      return labelBytes() + PIXEL_BYTES;
    }
  }

  private final Variant variant;
  private final String source;
  private final int size;
  private final byte[] pixels;
  private final byte[] labels;
  private final byte[] coarseLabels;

  private CifarDataset(
      Variant variant, String source, byte[] pixels, byte[] labels, byte[] coarseLabels) {
    this.variant = variant;
    this.source = source;
    this.size = labels.length;
    this.pixels = pixels;
    this.labels = labels;
    this.coarseLabels = coarseLabels;
  }

  /**
   * The directory holding the variant's files: {@code directory} itself if it holds the first
   * training file, else its extracted-archive subfolder ({@code cifar-10-batches-bin} or {@code
   * cifar-100-binary}) if that exists.
   *
   * @throws DatasetFormatException if {@code directory} is missing or not a directory
   */
  static Path resolveDirectory(Variant variant, Path directory) {
    SampleSets.requireDirectory(directory);
    if (Files.exists(directory.resolve(variant.trainFiles.get(0)))) {
      return directory;
    }
    Path extracted = directory.resolve(variant.extractedFolder);
    return Files.isDirectory(extracted) ? extracted : directory;
  }

  /** The training files of {@code variant} in {@code directory} (see {@link #resolveDirectory}). */
  static CifarDataset loadTrain(Variant variant, Path directory) {
    return load(variant, files(variant, directory, variant.trainFiles));
  }

  /** The test files of {@code variant} in {@code directory} (see {@link #resolveDirectory}). */
  static CifarDataset loadTest(Variant variant, Path directory) {
    return load(variant, files(variant, directory, variant.testFiles));
  }

  private static List<Path> files(Variant variant, Path directory, List<String> names) {
    Path dir = resolveDirectory(variant, directory);
    List<Path> files = new ArrayList<>();
    for (String name : names) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new DatasetFormatException(
            file.toString(),
            String.format(
                "file not found; expected the %s binary files %s in %s or in its subfolder %s",
                variant.title,
                String.join(", ", concat(variant.trainFiles, variant.testFiles)),
                directory,
                variant.extractedFolder));
      }
      files.add(file);
    }
    return files;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Reads the records of {@code files}, in order, into one data set.
   *
   * @throws DatasetFormatException naming the file that is missing, empty, not a whole number of
   *     records (with the index of the truncated record), or holds a label out of range (with the
   *     record index)
   */
  static CifarDataset load(Variant variant, List<Path> files) {
    int recordBytes = variant.recordBytes();
    long records = 0;
    long[] counts = new long[files.size()];
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      long length = fileLength(file);
      if (length == 0) {
        throw new DatasetFormatException(file.toString(), "is empty; it holds no records");
      }
      if (length % recordBytes != 0) {
        throw new DatasetFormatException(
            file.toString(),
            String.format(
                "record %d is truncated: a %s record has %d bytes, the last one has %d"
                    + " (file length %d)",
                length / recordBytes, variant.title, recordBytes, length % recordBytes, length));
      }
      counts[f] = length / recordBytes;
      records += counts[f];
    }
    if (records * PIXEL_BYTES > Integer.MAX_VALUE - 8) {
      throw new DatasetFormatException(
          files.get(0).toString(),
          "these files hold " + records + " records, too many for one array of pixels");
    }
    int n = (int) records;
    byte[] pixels = new byte[n * PIXEL_BYTES];
    byte[] labels = new byte[n];
    byte[] coarse = new byte[variant.coarseClasses == 0 ? 0 : n];
    int next = 0;
    byte[] record = new byte[recordBytes];
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      try (InputStream in = Files.newInputStream(file)) {
        for (int r = 0; r < counts[f]; r++, next++) {
          if (in.readNBytes(record, 0, recordBytes) != recordBytes) {
            throw new DatasetFormatException(
                file.toString(), "record " + r + " is truncated: the file shrank while read");
          }
          int fine = record[variant.labelBytes() - 1] & 0xff;
          if (fine >= variant.classes) {
            throw new DatasetFormatException(
                file.toString(),
                String.format(
                    "record %d has %slabel %d; labels must be 0..%d",
                    r, variant.coarseClasses == 0 ? "" : "fine ", fine, variant.classes - 1));
          }
          labels[next] = (byte) fine;
          if (variant.coarseClasses != 0) {
            int superclass = record[0] & 0xff;
            if (superclass >= variant.coarseClasses) {
              throw new DatasetFormatException(
                  file.toString(),
                  String.format(
                      "record %d has coarse label %d; coarse labels must be 0..%d",
                      r, superclass, variant.coarseClasses - 1));
            }
            coarse[next] = (byte) superclass;
          }
          System.arraycopy(record, variant.labelBytes(), pixels, next * PIXEL_BYTES, PIXEL_BYTES);
        }
      } catch (NoSuchFileException e) {
        throw new DatasetFormatException(file.toString(), "file not found", e);
      } catch (IOException e) {
        throw new DatasetFormatException(
            file.toString(), "could not be read: " + e.getMessage(), e);
      }
    }
    List<String> names = new ArrayList<>();
    files.forEach(file -> names.add(file.toString()));
    return new CifarDataset(variant, String.join(" + ", names), pixels, labels, coarse);
  }

  private static long fileLength(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(
          file.toString(), Files.exists(file) ? "is not a regular file" : "file not found");
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new DatasetFormatException(file.toString(), "could not be read: " + e.getMessage(), e);
    }
  }

  Variant variant() {
    return variant;
  }

  /** The files the records came from, in order. */
  String source() {
    return source;
  }

  int size() {
    return size;
  }

  /** The CIFAR-10 label, or the CIFAR-100 fine label, of record {@code i}. */
  int label(int i) {
    SampleSets.checkIndex(i, size);
    return labels[i];
  }

  /** The CIFAR-100 coarse label (superclass, 0..19) of record {@code i}. */
  int coarseLabel(int i) {
    if (variant.coarseClasses == 0) {
      throw new UnsupportedOperationException(variant.title + " has no coarse labels");
    }
    SampleSets.checkIndex(i, size);
    return coarseLabels[i];
  }

  /** Pixel byte of record {@code i}, {@code channel} 0 = R, 1 = G, 2 = B, as stored (0..255). */
  int pixel(int i, int channel, int row, int col) {
    SampleSets.checkIndex(i, size);
    if (channel < 0 || channel >= CHANNELS || row < 0 || row >= SIZE || col < 0 || col >= SIZE) {
      throw new IndexOutOfBoundsException(
          String.format(
              "(channel %d, row %d, col %d) is outside the 3 x 32 x 32 image", channel, row, col));
    }
    return pixels[i * PIXEL_BYTES + (channel * SIZE + row) * SIZE + col] & 0xff;
  }

  /** Writes record {@code i} as 32 x 32 x 3 NHWC floats in [0, 1] at {@code dst[offset]}. */
  void copyImage(int i, float[] dst, int offset) {
    SampleSets.checkIndex(i, size);
    int base = i * PIXEL_BYTES;
    int plane = SIZE * SIZE;
    for (int p = 0; p < plane; p++) {
      int out = offset + p * CHANNELS;
      dst[out] = UNIT_SCALE[pixels[base + p] & 0xff];
      dst[out + 1] = UNIT_SCALE[pixels[base + plane + p] & 0xff];
      dst[out + 2] = UNIT_SCALE[pixels[base + 2 * plane + p] & 0xff];
    }
  }

  /** Records {@code [from, to)} as a split called {@code name}. */
  SampleSet samples(String name, int from, int to) {
    return SampleSets.slice(new Whole(), name, from, to);
  }

  @Override
  public String toString() {
    return String.format("CifarDataset[%s, %d records from %s]", variant.title, size, source);
  }

  private final class Whole implements SampleSet {
    private final SampleGeometry geometry = new SampleGeometry(1, SIZE, CHANNELS);

    @Override
    public String name() {
      return source;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int label(int i) {
      return CifarDataset.this.label(i);
    }

    @Override
    public SampleGeometry geometry() {
      return geometry;
    }

    @Override
    public void copySample(int i, float[] dst, int offset) {
      SampleSets.checkIndex(i, size);
      SampleSets.checkDestination(dst, offset, geometry);
      copyImage(i, dst, offset);
    }
  }
}

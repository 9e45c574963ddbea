package io.msenas.worker.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a data set by name from a directory the user points at; nothing is ever downloaded. See
 * {@code docs/datasets.md} for where to get each set, the layout expected and the exact decoding.
 *
 * <table>
 *   <caption>Splits</caption>
 *   <tr><th>data set</th><th>train</th><th>validation</th><th>test</th></tr>
 *   <tr><td>{@code mnist}, shipped</td><td>records [0, 8000)</td><td>[8000, 9000)</td>
 *       <td>[9000, 10000)</td></tr>
 *   <tr><td>{@code mnist}, IDX files</td><td>first 55,000 of train</td>
 *       <td>last 5,000 of train</td><td>t10k</td></tr>
 *   <tr><td>{@code cifar10}, {@code cifar100}</td><td>first 45,000 of the training files</td>
 *       <td>last 5,000 of the training files</td><td>test file</td></tr>
 *   <tr><td>{@code dvs128-gesture}</td><td>users 1-21</td><td>users 22-23</td>
 *       <td>users 24-29</td></tr>
 *   <tr><td>{@code cifar10-dvs}</td><td>first 80% per class</td><td>next 10%</td>
 *       <td>last 10%</td></tr>
 * </table>
 *
 * <p>Static images have one frame ({@code timeSteps} is then ignored); event data is framed into
 * {@code timeSteps} frames. Stateless and thread-safe.
 */
public final class Datasets {

  /** Records taken from the end of the CIFAR training files for validation. */
  public static final int CIFAR_VALIDATION_SIZE = 5_000;

  /** Records taken from the end of the MNIST training file for validation. */
  public static final int MNIST_VALIDATION_SIZE = 5_000;

  /** Shipped MNIST digits of the training split: records [0, 8000). */
  public static final int SHIPPED_MNIST_TRAIN = 8_000;

  /** Shipped MNIST digits of the validation split: records [8000, 9000); the rest are test. */
  public static final int SHIPPED_MNIST_VALIDATION = 1_000;

  /** MNIST digits are zero-padded from 28 x 28 to this size (ALGORITHM section 2). */
  public static final int MNIST_PADDED_SIZE = 32;

  private Datasets() {}

  /**
   * Opens the data set called {@code name} (see {@link DatasetId#fromName}).
   *
   * @see #open(DatasetId, Path, int)
   */
  public static DatasetSplits open(String name, Path directory, int timeSteps) {
    return open(DatasetId.fromName(name), directory, timeSteps);
  }

  /**
   * Opens a data set.
   *
   * @param id which data set
   * @param directory where its files are (see {@code docs/datasets.md}); {@code null} only for
   *     {@code mnist}, meaning the 10,000 digits shipped with the worker
   * @param timeSteps frames per sample of event data (T), {@code >= 1}; ignored for static images
   * @throws IllegalArgumentException if {@code timeSteps < 1}, or {@code directory} is null for a
   *     data set that does not ship
   * @throws DatasetFormatException naming the file (and record, line or packet) that is missing or
   *     malformed
   */
  public static DatasetSplits open(DatasetId id, Path directory, int timeSteps) {
    Objects.requireNonNull(id, "id");
    if (timeSteps < 1) {
      throw new IllegalArgumentException("timeSteps must be >= 1, was " + timeSteps);
    }
    if (directory == null && id != DatasetId.MNIST) {
      throw new IllegalArgumentException(
          id.id() + " does not ship with the worker; give the directory that holds its files");
    }
    return switch (id) {
      case MNIST -> directory == null ? shippedMnist() : mnist(directory, MNIST_VALIDATION_SIZE);
      case CIFAR10 -> cifar(CifarDataset.Variant.CIFAR10, directory, CIFAR_VALIDATION_SIZE);
      case CIFAR100 -> cifar(CifarDataset.Variant.CIFAR100, directory, CIFAR_VALIDATION_SIZE);
      case DVS128_GESTURE -> DvsGestureDataset.open(directory, timeSteps);
      case CIFAR10_DVS -> Cifar10DvsDataset.open(directory, timeSteps);
    };
  }

  /** The 10,000 MNIST digits shipped with the worker, split 8,000 / 1,000 / 1,000. */
  public static DatasetSplits shippedMnist() {
    MnistDataset digits = MnistDataset.shipped();
    SampleSet all = mnistSamples(digits, "mnist");
    int validationEnd = SHIPPED_MNIST_TRAIN + SHIPPED_MNIST_VALIDATION;
    return new DatasetSplits(
        DatasetId.MNIST,
        digits.source() + " (records [0, 8000) train, [8000, 9000) validation, [9000, 10000) test)",
        all.geometry(),
        SampleSets.slice(all, "mnist/train", 0, SHIPPED_MNIST_TRAIN),
        SampleSets.slice(all, "mnist/validation", SHIPPED_MNIST_TRAIN, validationEnd),
        SampleSets.slice(all, "mnist/test", validationEnd, digits.size()));
  }

  /**
   * MNIST from the four IDX files of the distribution in {@code directory} ({@code
   * train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
   * {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz}); the last {@code
   * validationSize} training records are the validation split.
   */
  static DatasetSplits mnist(Path directory, int validationSize) {
    SampleSets.requireDirectory(directory);
    Path trainImages = idxFile(directory, "train-images-idx3-ubyte");
    MnistDataset train =
        requireFits(
            MnistDataset.load(trainImages, idxFile(directory, "train-labels-idx1-ubyte")),
            trainImages);
    Path testImages = idxFile(directory, "t10k-images-idx3-ubyte");
    MnistDataset test =
        requireFits(
            MnistDataset.load(testImages, idxFile(directory, "t10k-labels-idx1-ubyte")),
            testImages);
    SampleSet all = mnistSamples(train, "mnist");
    int trainEnd = trainEnd(train.size(), validationSize, train.source());
    return new DatasetSplits(
        DatasetId.MNIST,
        String.format(
            "%s (last %d training records validation)", directory, train.size() - trainEnd),
        all.geometry(),
        SampleSets.slice(all, "mnist/train", 0, trainEnd),
        SampleSets.slice(all, "mnist/validation", trainEnd, train.size()),
        mnistSamples(test, "mnist/test"));
  }

  /** Digits are padded to 32 x 32: a larger image could not be, and must fail here, at once. */
  private static MnistDataset requireFits(MnistDataset digits, Path images) {
    if (digits.rows() > MNIST_PADDED_SIZE || digits.cols() > MNIST_PADDED_SIZE) {
      throw new DatasetFormatException(
          images.toString(),
          String.format(
              "holds %d x %d images; MNIST images must be at most %d x %d (they are zero-padded"
                  + " to that size)",
              digits.rows(), digits.cols(), MNIST_PADDED_SIZE, MNIST_PADDED_SIZE));
    }
    return digits;
  }

  private static Path idxFile(Path directory, String name) {
    Path plain = directory.resolve(name);
    Path zipped = directory.resolve(name + ".gz");
    if (Files.exists(plain) || !Files.exists(zipped)) {
      return plain; // a missing file fails in IdxReader, naming the plain name
    }
    return zipped;
  }

  /**
   * CIFAR-10 or CIFAR-100 in {@code directory}; the last {@code validationSize} records of the
   * training files are the validation split.
   */
  static DatasetSplits cifar(CifarDataset.Variant variant, Path directory, int validationSize) {
    CifarDataset train = CifarDataset.loadTrain(variant, directory);
    CifarDataset test = CifarDataset.loadTest(variant, directory);
    DatasetId id = variant == CifarDataset.Variant.CIFAR10 ? DatasetId.CIFAR10 : DatasetId.CIFAR100;
    int trainEnd = trainEnd(train.size(), validationSize, train.source());
    return new DatasetSplits(
        id,
        String.format(
            "%s (last %d training records validation)",
            CifarDataset.resolveDirectory(variant, directory), train.size() - trainEnd),
        new SampleGeometry(1, CifarDataset.SIZE, CifarDataset.CHANNELS),
        train.samples(id.id() + "/train", 0, trainEnd),
        train.samples(id.id() + "/validation", trainEnd, train.size()),
        test.samples(id.id() + "/test", 0, test.size()));
  }

  private static int trainEnd(int records, int validationSize, String source) {
    if (validationSize < 0 || validationSize >= records) {
      throw new DatasetFormatException(
          source,
          String.format(
              "holds %d training records, too few to set %d aside for validation",
              records, validationSize));
    }
    return records - validationSize;
  }

  private static SampleSet mnistSamples(MnistDataset digits, String name) {
    SampleGeometry geometry = new SampleGeometry(1, MNIST_PADDED_SIZE, 1);
    return new SampleSet() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int size() {
        return digits.size();
      }

      @Override
      public int label(int i) {
        SampleSets.checkIndex(i, digits.size());
        return digits.label(i);
      }

      @Override
      public SampleGeometry geometry() {
        return geometry;
      }

      @Override
      public void copySample(int i, float[] dst, int offset) {
        SampleSets.checkIndex(i, digits.size());
        SampleSets.checkDestination(dst, offset, geometry);
        // one channel: the padded row-major image is also NHWC
        digits.copyImage(i, MNIST_PADDED_SIZE, dst, offset);
      }

      @Override
      public String toString() {
        return name + "[" + digits.size() + "]";
      }
    };
  }
}

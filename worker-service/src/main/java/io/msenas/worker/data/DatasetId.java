package io.msenas.worker.data;

import io.msenas.model.genome.InputKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The data sets the worker reads, by the names jobs use ({@code FitnessConfig.dataset}), with the
 * input geometry the network is built for (ALGORITHM sections 2 and 8).
 */
public enum DatasetId {
  /** MNIST digits, 28 x 28 zero-padded to 32 x 32, 1 channel, 10 classes. */
  MNIST("mnist", InputKind.STATIC_IMAGE, 10, 1, 32, Augmentation.NONE),
  /** CIFAR-10 binary version, 32 x 32 RGB, 10 classes. */
  CIFAR10("cifar10", InputKind.STATIC_IMAGE, 10, 3, 32, Augmentation.CIFAR),
  /** CIFAR-100 binary version, 32 x 32 RGB, the 100 fine classes. */
  CIFAR100("cifar100", InputKind.STATIC_IMAGE, 100, 3, 32, Augmentation.CIFAR),
  /** DVS128 Gesture, AEDAT 3.1 events framed to T x 2 x 48 x 48, 11 classes. */
  DVS128_GESTURE("dvs128-gesture", InputKind.EVENTS, 11, 2, 48, Augmentation.EVENTS),
  /** CIFAR10-DVS, AEDAT 2.0 events framed to T x 2 x 48 x 48, 10 classes. */
  CIFAR10_DVS("cifar10-dvs", InputKind.EVENTS, 10, 2, 48, Augmentation.EVENTS);

  private final String id;
  private final InputKind inputKind;
  private final int classes;
  private final int channels;
  private final int inputSize;
  private final Augmentation trainingAugmentation;

  DatasetId(
      String id,
      InputKind inputKind,
      int classes,
      int channels,
      int inputSize,
      Augmentation trainingAugmentation) {
    this.id = id;
    this.inputKind = inputKind;
    this.classes = classes;
    this.channels = channels;
    this.inputSize = inputSize;
    this.trainingAugmentation = trainingAugmentation;
  }

  /**
   * The data set called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known data sets if there is none by that name
   */
  public static DatasetId fromName(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown dataset '"
                        + name
                        + "'; known: "
                        + Arrays.stream(values())
                            .map(DatasetId::id)
                            .collect(Collectors.joining(", "))));
  }

  /** The data set called {@code name} (case-insensitive), if there is one. */
  public static Optional<DatasetId> find(String name) {
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (DatasetId candidate : values()) {
        if (candidate.id.equals(wanted)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * How {@link Datasets#open} splits the data set into train, validation and test, in a few words
   * (for messages; docs/datasets.md has the details).
   */
  public String splitRule() {
    return switch (this) {
      case MNIST ->
          "shipped digits: records [0, 8000) train, [8000, 9000) validation, [9000, 10000) test;"
              + " from IDX files: the last 5,000 training records validate, t10k tests";
      case CIFAR10, CIFAR100 ->
          "the last 5,000 records of the training files validate, the test file tests";
      case DVS128_GESTURE ->
          "the recordings of the two highest-numbered training users validate (fewer when the"
              + " training recordings have fewer than three users, none with one user); those of"
              + " trials_to_test.txt, or of users 24 and up, test";
      case CIFAR10_DVS ->
          "per class of n files, the first floor(9n / 10) train and the rest test; of the"
              + " training files the last floor(floor(9n / 10) / 9) validate (none when a class"
              + " has fewer than 10 files)";
    };
  }

  /** The name jobs use, for example {@code dvs128-gesture}. */
  public String id() {
    return id;
  }

  /** Static images (direct encoding) or event frames. */
  public InputKind inputKind() {
    return inputKind;
  }

  /** Number of classes; labels are {@code 0 .. classes - 1}. */
  public int classes() {
    return classes;
  }

  /** Channels the network's stem reads: 1 for MNIST, 3 for CIFAR, 2 polarities for events. */
  public int channels() {
    return channels;
  }

  /** Height and width of the network input in pixels. */
  public int inputSize() {
    return inputSize;
  }

  /** The augmentation ALGORITHM section 6 prescribes for training samples. */
  public Augmentation trainingAugmentation() {
    return trainingAugmentation;
  }
}

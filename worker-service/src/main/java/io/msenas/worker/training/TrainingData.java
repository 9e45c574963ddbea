package io.msenas.worker.training;

import io.msenas.model.genome.InputKind;
import io.msenas.worker.data.MnistDataset;
import java.util.Objects;

/**
 * A labelled data set split for training: the trainer fits on {@code train}, selects the model on
 * {@code validation} and measures {@code test} once at the end.
 *
 * @param name the data set's name (recorded in provenance)
 * @param shape one sample's geometry, as the network's input expects it
 * @param classes number of classes
 * @param train the training split
 * @param validation the model-selection split
 * @param test the held-out split
 * @param augmentation applied to training samples only
 */
public record TrainingData(
    String name,
    InputShape shape,
    int classes,
    SampleSet train,
    SampleSet validation,
    SampleSet test,
    SampleTransform augmentation) {

  /** Records [0, 8000) of the shipped MNIST digits: the fitness path's training split. */
  public static final int MNIST_TRAIN_END = 8_000;

  /** Records [8000, 9000): validation. */
  public static final int MNIST_VALIDATION_END = 9_000;

  /** MNIST digits are zero-padded from 28x28 to this size. */
  public static final int MNIST_PADDED_SIZE = 32;

  public TrainingData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(augmentation, "augmentation");
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, was " + classes);
    }
  }

  /** This data with its training split cut to its first {@code n} samples (0: all of them). */
  public TrainingData firstTrainingSamples(int n) {
    if (n <= 0 || n >= train.size()) {
      return this;
    }
    SampleSet all = train;
    SampleSet first =
        new SampleSet() {
          @Override
          public int size() {
            return n;
          }

          @Override
          public int label(int index) {
            return all.label(Objects.checkIndex(index, n));
          }

          @Override
          public void copyInto(int index, float[] dst, int offset) {
            all.copyInto(Objects.checkIndex(index, n), dst, offset);
          }
        };
    return new TrainingData(name, shape, classes, first, validation, test, augmentation);
  }

  /** Where a search space for this data puts its reductions: per-step frames are event data. */
  public InputKind inputKind() {
    return shape.perStepFrames() ? InputKind.EVENTS : InputKind.STATIC_IMAGE;
  }

  /**
   * The 10,000 shipped MNIST digits, zero-padded to 32x32: train [0, 8000) (the records the fitness
   * draws from), validation [8000, 9000), test [9000, 10000). The records are interleaved so that
   * each range keeps the class proportions. No augmentation.
   */
  public static TrainingData shippedMnist() {
    MnistDataset mnist = MnistDataset.shipped();
    return new TrainingData(
        "mnist",
        InputShape.image(MNIST_PADDED_SIZE, MNIST_PADDED_SIZE, 1),
        MnistDataset.CLASSES,
        new MnistRange(mnist, 0, MNIST_TRAIN_END),
        new MnistRange(mnist, MNIST_TRAIN_END, MNIST_VALIDATION_END),
        new MnistRange(mnist, MNIST_VALIDATION_END, mnist.size()),
        SampleTransform.NONE);
  }

  /** A contiguous range of MNIST records, padded to 32x32. */
  private record MnistRange(MnistDataset mnist, int from, int to) implements SampleSet {
    @Override
    public int size() {
      return to - from;
    }

    @Override
    public int label(int index) {
      return mnist.label(from + Objects.checkIndex(index, size()));
    }

    @Override
    public void copyInto(int index, float[] dst, int offset) {
      mnist.copyImage(from + Objects.checkIndex(index, size()), MNIST_PADDED_SIZE, dst, offset);
    }
  }
}

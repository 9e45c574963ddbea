package io.msenas.worker.service.training;

import io.msenas.worker.data.DatasetFormatException;
import io.msenas.worker.training.SampleSet;
import io.msenas.worker.training.TrainingData;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a worker finds the data set a training names: MNIST is the shipped digits; the other sets
 * are read from {@code <data-root>/<name>} in their own formats (docs/datasets.md).
 */
public final class TrainingDataSource {

  private final Path dataRoot;

  public TrainingDataSource(Path dataRoot) {
    this.dataRoot = dataRoot;
  }

  /**
   * Opens a data set's splits.
   *
   * @param name the data set
   * @param timeSteps T (event data is framed into T frames)
   * @throws DatasetFormatException naming the folder or file when the data is missing or malformed
   */
  public TrainingData open(String name, int timeSteps, int trainSamples) {
    return firstTrainingSamples(open(name, timeSteps), trainSamples);
  }

  private TrainingData open(String name, int timeSteps) {
    if ("mnist".equals(name)) {
      return TrainingData.shippedMnist();
    }
    Path folder = dataRoot.resolve(name);
    throw new DatasetFormatException(
        folder.toString(),
        "training on "
            + name
            + " is not wired to its loader yet (only mnist trains today; the loaders of"
            + " docs/datasets.md read the files)");
  }

  /** The data with its training split cut to the first {@code n} samples (0: all). */
  static TrainingData firstTrainingSamples(TrainingData data, int n) {
    if (n <= 0 || n >= data.train().size()) {
      return data;
    }
    return new TrainingData(
        data.name(),
        data.shape(),
        data.classes(),
        new First(data.train(), n),
        data.validation(),
        data.test(),
        data.augmentation());
  }

  /** The first {@code size} samples of a split. */
  private record First(SampleSet all, int size) implements SampleSet {
    @Override
    public int label(int index) {
      return all.label(Objects.checkIndex(index, size));
    }

    @Override
    public void copyInto(int index, float[] dst, int offset) {
      all.copyInto(Objects.checkIndex(index, size), dst, offset);
    }
  }
}

package io.msenas.worker.service.training;

import io.msenas.model.genome.InputKind;
import io.msenas.worker.data.Augmentation;
import io.msenas.worker.data.DatasetFormatException;
import io.msenas.worker.data.DatasetId;
import io.msenas.worker.data.DatasetSplits;
import io.msenas.worker.data.Datasets;
import io.msenas.worker.data.SampleGeometry;
import io.msenas.worker.training.InputShape;
import io.msenas.worker.training.SampleSet;
import io.msenas.worker.training.SampleTransform;
import io.msenas.worker.training.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Where a worker finds the data set a training names: the sets of docs/datasets.md are read from
 * {@code <data-root>/<name>} ({@code mse-nas.worker.data-root}) in their own formats by {@link
 * Datasets}; MNIST is the shipped digits unless {@code <data-root>/mnist} holds the IDX files.
 */
public final class TrainingDataSource {

  private final Path dataRoot;

  public TrainingDataSource(Path dataRoot) {
    this.dataRoot = dataRoot;
  }

  /**
   * Opens a data set's splits.
   *
   * @param name the data set (docs/datasets.md)
   * @param timeSteps T (event data is framed into T frames; ignored for static images)
   * @param trainSamples train on the first this many training samples (0: all)
   * @throws DatasetFormatException naming the folder or file when the data is missing or malformed
   * @throws IllegalArgumentException if no data set has that name
   */
  public TrainingData open(String name, int timeSteps, int trainSamples) {
    return open(name, timeSteps).firstTrainingSamples(trainSamples);
  }

  private TrainingData open(String name, int timeSteps) {
    DatasetId id = DatasetId.fromName(name);
    Path folder = dataRoot.resolve(id.id());
    if (id == DatasetId.MNIST && !Files.isDirectory(folder)) {
      // the default: the digits the fitness path scores on, with its split
      return TrainingData.shippedMnist();
    }
    return adapt(Datasets.open(id, folder, timeSteps));
  }

  /**
   * The trainer's view of opened splits: the same floats (both sides lay a sample out frames
   * outermost, NHWC per frame), the input shape of the data set's kind, and the data set's training
   * augmentation.
   */
  static TrainingData adapt(DatasetSplits splits) {
    SampleGeometry geometry = splits.geometry();
    InputShape shape =
        splits.inputKind() == InputKind.EVENTS
            // one frame per time step, even when T = 1
            ? new InputShape(
                geometry.size(), geometry.size(), geometry.channels(), geometry.frames())
            // one frame, fed at every step (direct encoding)
            : InputShape.image(geometry.size(), geometry.size(), geometry.channels());
    if (shape.sampleLength() != geometry.valuesPerSample()) {
      throw new IllegalStateException(
          "a " + geometry + " sample does not have the " + shape + " length");
    }
    return new TrainingData(
        splits.id().id(),
        shape,
        splits.classes(),
        new Split(splits.train()),
        new Split(splits.validation()),
        new Split(splits.test()),
        transform(splits.trainingAugmentation(), geometry));
  }

  /**
   * {@link Augmentation} (which writes to a separate array) as the trainer's in-place transform.
   */
  static SampleTransform transform(Augmentation augmentation, SampleGeometry geometry) {
    if (augmentation.isIdentity()) {
      return SampleTransform.NONE;
    }
    int length = geometry.valuesPerSample();
    return (sample, offset, shape, random) ->
        augmentInPlace(augmentation, geometry, sample, offset, length, random);
  }

  private static void augmentInPlace(
      Augmentation augmentation,
      SampleGeometry geometry,
      float[] sample,
      int offset,
      int length,
      SplittableRandom random) {
    // a copy per sample keeps the transform stateless, so thread-safe; it is small next to a step
    float[] source = new float[length];
    System.arraycopy(sample, offset, source, 0, length);
    augmentation.apply(source, 0, geometry, random, sample, offset);
  }

  /** A data-package split as the trainer reads it. */
  private record Split(io.msenas.worker.data.SampleSet samples) implements SampleSet {
    @Override
    public int size() {
      return samples.size();
    }

    @Override
    public int label(int index) {
      return samples.label(index);
    }

    @Override
    public void copyInto(int index, float[] dst, int offset) {
      samples.copySample(index, dst, offset);
    }
  }
}

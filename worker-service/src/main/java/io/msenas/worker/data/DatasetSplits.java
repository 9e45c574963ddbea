package io.msenas.worker.data;

import io.msenas.model.genome.InputKind;
import java.util.Objects;

/**
 * A data set opened for training: its train, validation and test splits and the input geometry the
 * network is built for. Obtain one from {@link Datasets#open}.
 *
 * <p>Select on {@link #validation()}; report {@link #test()} only at the end (ALGORITHM section 6).
 * Immutable and thread-safe.
 *
 * @param id which data set
 * @param source where the samples were read from (a directory, or the shipped resources), and the
 *     split rule, for provenance
 * @param geometry the shape of every sample of every split
 * @param train the training split
 * @param validation the validation split, taken out of the data set's training files
 * @param test the official test split
 */
public record DatasetSplits(
    DatasetId id,
    String source,
    SampleGeometry geometry,
    SampleSet train,
    SampleSet validation,
    SampleSet test) {

  /** Checks that every split has the data set's geometry. */
  public DatasetSplits {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(geometry, "geometry");
    for (SampleSet split : new SampleSet[] {train, validation, test}) {
      Objects.requireNonNull(split, "split");
      if (!split.geometry().equals(geometry)) {
        throw new IllegalArgumentException(
            "split " + split.name() + " has geometry " + split.geometry() + ", not " + geometry);
      }
    }
  }

  /** Static images (one frame fed at every step) or event frames (one frame per step). */
  public InputKind inputKind() {
    return id.inputKind();
  }

  /** Channels of the network input. */
  public int inputChannels() {
    return geometry.channels();
  }

  /** Height and width of the network input in pixels. */
  public int inputSize() {
    return geometry.size();
  }

  /** Frames per sample: 1 for static images, T for event data. */
  public int frames() {
    return geometry.frames();
  }

  /** Number of classes. */
  public int classes() {
    return id.classes();
  }

  /** The augmentation to apply to training samples; never to validation or test samples. */
  public Augmentation trainingAugmentation() {
    return id.trainingAugmentation();
  }
}

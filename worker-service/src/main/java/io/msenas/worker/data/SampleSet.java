package io.msenas.worker.data;

/**
 * One split (train, validation or test) of a data set: labelled samples of one {@link
 * SampleGeometry}, decoded when asked for.
 *
 * <p>Implementations are immutable and thread-safe: {@link #copySample} may be called from several
 * threads at once. Samples of event data sets are read from their files on every call, so a caller
 * that reads the same sample often may keep the result.
 */
public interface SampleSet {

  /** Where the samples come from, for example {@code cifar10/train}. */
  String name();

  /** Number of samples; may be 0 (for example a validation split of a tiny custom subset). */
  int size();

  /** Class of sample {@code i}, in {@code 0 .. classes - 1}. */
  int label(int i);

  /** The shape of every sample. */
  SampleGeometry geometry();

  /**
   * Writes sample {@code i} at {@code dst[offset]}: {@code geometry().valuesPerSample()} floats,
   * frames outermost, each frame NHWC (rows, columns, channels).
   *
   * @throws IndexOutOfBoundsException if {@code i} is not a sample index
   * @throws IllegalArgumentException if the sample does not fit in {@code dst} at {@code offset}
   * @throws DatasetFormatException if the sample's file has become unreadable since the data set
   *     was opened, or (for data sets decoded lazily) is malformed
   */
  void copySample(int i, float[] dst, int offset);

  /** Sample {@code i} in a new array; see {@link #copySample}. */
  default float[] sample(int i) {
    float[] values = new float[geometry().valuesPerSample()];
    copySample(i, values, 0);
    return values;
  }

  /** Number of samples of each class, indexed by label. */
  default int[] classCounts(int classes) {
    int[] counts = new int[classes];
    for (int i = 0; i < size(); i++) {
      counts[label(i)]++;
    }
    return counts;
  }
}

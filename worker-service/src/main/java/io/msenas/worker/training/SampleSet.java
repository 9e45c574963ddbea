package io.msenas.worker.training;

/**
 * One split of a labelled data set as the trainer reads it: samples by index, each written as
 * floats in the layout of its {@link InputShape}.
 *
 * <p>Implementations must be safe for concurrent reads and must write every value of a sample (the
 * trainer reuses its buffers).
 */
public interface SampleSet {

  /** Number of samples. */
  int size();

  /** Label of sample {@code index}, in [0, classes). */
  int label(int index);

  /**
   * Writes sample {@code index} at {@code dst[offset]}: {@link InputShape#sampleLength()} floats,
   * frames first, then rows, columns and channels (NHWC per frame).
   */
  void copyInto(int index, float[] dst, int offset);
}

package io.msenas.worker.data;

import java.util.Arrays;

/**
 * An n-dimensional array of unsigned bytes decoded from an IDX file.
 *
 * <p>Immutable: the constructor copies both arrays and the accessors {@link #dims()} and {@link
 * #data()} return copies. Use {@link #unsigned(int)} to read single elements without copying.
 * Elements are stored row-major (last dimension fastest), exactly as in the file.
 *
 * @param dims sizes of the dimensions, outermost first; each positive
 * @param data the elements as raw bytes; read them as unsigned with {@link #unsigned(int)}
 */
public record IdxArray(int[] dims, byte[] data) {

  /** Validates that the dimensions are positive and that their product matches the data. */
  public IdxArray {
    if (dims == null || dims.length == 0) {
      throw new IllegalArgumentException(
          "dims must have at least one dimension, was " + Arrays.toString(dims));
    }
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    long elements = 1;
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "dims must all be positive, was " + Arrays.toString(dims));
      }
      elements *= d;
    }
    if (elements != data.length) {
      throw new IllegalArgumentException(
          "dims "
              + Arrays.toString(dims)
              + " need "
              + elements
              + " elements, but data has "
              + data.length);
    }
    dims = dims.clone();
    data = data.clone();
  }

  /** Sizes of the dimensions, outermost first (a copy). */
  @Override
  public int[] dims() {
    return dims.clone();
  }

  /**
   * All elements as raw bytes in row-major order (a copy; for large arrays prefer {@link
   * #unsigned}).
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Size of one dimension, {@code 0 <= axis < rank()}. */
  public int dim(int axis) {
    if (axis < 0 || axis >= dims.length) {
      throw new IndexOutOfBoundsException(
          "axis must be in 0.." + (dims.length - 1) + ", was " + axis);
    }
    return dims[axis];
  }

  /** Total number of elements (the product of the dimensions). */
  public int length() {
    return data.length;
  }

  /** Element at a row-major flat index, as an unsigned value in 0..255. */
  public int unsigned(int flatIndex) {
    return Byte.toUnsignedInt(data[flatIndex]);
  }

  /**
   * The backing array without a copy, for readers in this package that promise not to modify it.
   */
  byte[] sharedData() {
    return data;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdxArray that
        && Arrays.equals(dims, that.dims)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
  }

  /** Shows the shape only: printing millions of pixels helps nobody. */
  @Override
  public String toString() {
    return "IdxArray" + Arrays.toString(dims);
  }
}

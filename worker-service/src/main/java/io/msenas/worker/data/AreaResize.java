package io.msenas.worker.data;

/**
 * Resizes a square map by area averaging (a box filter): output pixel {@code (i, j)} of an {@code
 * out x out} map covers the square {@code [i s, (i+1) s) x [j s, (j+1) s)} of the {@code in x in}
 * input, {@code s = in / out}, and is the mean of the input over it, each input pixel weighted by
 * the fraction of it inside the square (OpenCV's {@code INTER_AREA} when shrinking).
 *
 * <p>Separable: the weight of input index k for output index i is {@code overlap([i in, (i+1) in),
 * [k out, (k+1) out)) / (in * out)}, computed in integers; for 128 -> 48 every weight is a multiple
 * of 1/8 ({@code 0, 1/8, 2/8, 3/8}), so integer counts resize exactly in floating point. The sum
 * over the map shrinks by {@code (out / in)^2}. Immutable and thread-safe.
 */
final class AreaResize {

  private final int in;
  private final int out;
  private final int[] first;
  private final double[][] weights;

  AreaResize(int in, int out) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("sizes must be >= 1, were in " + in + " and out " + out);
    }
    this.in = in;
    this.out = out;
    first = new int[out];
    weights = new double[out][];
    for (int i = 0; i < out; i++) {
      long lo = (long) i * in;
      long hi = lo + in;
      int k0 = (int) (lo / out);
      int k1 = (int) ((hi - 1) / out);
      first[i] = k0;
      weights[i] = new double[k1 - k0 + 1];
      for (int k = k0; k <= k1; k++) {
        long overlap = Math.min(hi, (long) (k + 1) * out) - Math.max(lo, (long) k * out);
        weights[i][k - k0] = (double) overlap / in;
      }
    }
  }

  int in() {
    return in;
  }

  int out() {
    return out;
  }

  /** Weight of input index {@code k} in output index {@code i} (0 where they do not overlap). */
  double weight(int i, int k) {
    int j = k - first[i];
    return j < 0 || j >= weights[i].length ? 0 : weights[i][j];
  }

  /**
   * Resizes the {@code in x in} row-major map at {@code src[srcOffset]} into {@code dst}: pixel
   * {@code (i, j)} goes to {@code dst[dstOffset + (i * out + j) * dstStride]}, so a stride of C
   * writes one channel of an NHWC image.
   */
  void apply(int[] src, int srcOffset, float[] dst, int dstOffset, int dstStride) {
    double[] rows = new double[in * out];
    for (int r = 0; r < in; r++) {
      int row = srcOffset + r * in;
      for (int j = 0; j < out; j++) {
        double[] w = weights[j];
        int k0 = row + first[j];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
          sum += w[k] * src[k0 + k];
        }
        rows[r * out + j] = sum;
      }
    }
    for (int i = 0; i < out; i++) {
      double[] w = weights[i];
      int r0 = first[i];
      for (int j = 0; j < out; j++) {
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
          sum += w[k] * rows[(r0 + k) * out + j];
        }
        dst[dstOffset + (i * out + j) * dstStride] = (float) sum;
      }
    }
  }
}

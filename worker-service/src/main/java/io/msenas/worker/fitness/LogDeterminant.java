package io.msenas.worker.fitness;

/**
 * {@code log|det A|} of a square matrix by LU decomposition with partial pivoting, in double
 * precision.
 *
 * <p>A singular matrix has no finite log-determinant, but a fitness must be finite. So a pivot
 * column whose remaining entries are all below {@code n * 2^-52 * max|A|} in magnitude (numerical
 * rank deficiency, numpy's default rank tolerance) contributes the log of that threshold instead of
 * {@code -Infinity}, and its elimination is skipped: a singular matrix gets a finite score far
 * below that of any well-conditioned one, lower the more rank it lacks. An all-zero matrix has
 * log-determinant {@code -Infinity} by this rule too and is given {@code n *
 * log(Double.MIN_NORMAL)} instead.
 */
final class LogDeterminant {

  private LogDeterminant() {}

  /**
   * @param matrix n x n, row-major; not modified
   * @param n the order, {@code >= 1}
   */
  static double logAbs(double[] matrix, int n) {
    if (matrix.length != n * n) {
      throw new IllegalArgumentException(
          "matrix must hold " + n + " x " + n + " values, had " + matrix.length);
    }
    double[] a = matrix.clone();
    double largest = 0;
    for (double v : a) {
      largest = Math.max(largest, Math.abs(v));
    }
    double tolerance = n * Math.ulp(1.0) * largest;
    if (!(tolerance >= Double.MIN_NORMAL)) {
      // all zero (or denormal): nothing to pivot on
      return n * Math.log(Double.MIN_NORMAL);
    }
    double logDet = 0;
    for (int k = 0; k < n; k++) {
      int pivot = k;
      for (int r = k + 1; r < n; r++) {
        if (Math.abs(a[r * n + k]) > Math.abs(a[pivot * n + k])) {
          pivot = r;
        }
      }
      double p = a[pivot * n + k];
      if (Math.abs(p) < tolerance) {
        logDet += Math.log(tolerance);
        continue;
      }
      if (pivot != k) {
        for (int c = 0; c < n; c++) {
          double swap = a[k * n + c];
          a[k * n + c] = a[pivot * n + c];
          a[pivot * n + c] = swap;
        }
      }
      logDet += Math.log(Math.abs(p));
      for (int r = k + 1; r < n; r++) {
        double factor = a[r * n + k] / p;
        if (factor != 0) {
          for (int c = k + 1; c < n; c++) {
            a[r * n + c] -= factor * a[k * n + c];
          }
        }
        a[r * n + k] = 0;
      }
    }
    return logDet;
  }
}

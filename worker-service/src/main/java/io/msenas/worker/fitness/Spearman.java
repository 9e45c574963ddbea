package io.msenas.worker.fitness;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Spearman's rank correlation: the Pearson correlation of the two samples' ranks, tied values
 * taking the average of the ranks they span ("fractional" ranking, as {@code
 * scipy.stats.spearmanr}).
 */
final class Spearman {

  private Spearman() {}

  /**
   * @param x finite values
   * @param y finite values, as many as x
   * @return the correlation in [-1, 1], or 0 when x or y has fewer than two distinct values (no
   *     ranking to correlate)
   */
  static double correlation(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "samples must be equally long, were " + x.length + " and " + y.length);
    }
    if (constant(x) || constant(y)) {
      return 0;
    }
    return pearson(ranks(x), ranks(y));
  }

  private static boolean constant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }

  /** Ranks 1..n, ties sharing the average of their positions. */
  static double[] ranks(double[] values) {
    int n = values.length;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && values[order[end]] == values[order[start]]) {
        end++;
      }
      // positions start..end-1 hold ranks start+1..end: their mean
      double rank = (start + 1 + end) / 2.0;
      for (int k = start; k < end; k++) {
        ranks[order[k]] = rank;
      }
      start = end;
    }
    return ranks;
  }

  /** Pearson's correlation; 0 when either sample is constant. */
  static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n == 0) {
      return 0;
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return 0;
    }
    return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  }
}

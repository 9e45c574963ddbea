package io.msenas.api.study;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Rank correlations between a predictor and an outcome, with percentile bootstrap confidence
 * intervals: Kendall's tau-b and Spearman's rho, both with ties (average ranks; tau-b's tie
 * correction). Plain static functions on arrays; thread-safe.
 */
public final class RankCorrelation {

  private RankCorrelation() {}

  /**
   * A statistic with its percentile bootstrap interval.
   *
   * @param value the statistic on the whole sample; NaN when it is undefined (a constant input)
   * @param low the lower end of the interval (the (1 - level) / 2 quantile of the resamples whose
   *     statistic is defined), or NaN
   * @param high the upper end, or NaN
   */
  public record Estimate(double value, double low, double high) {}

  /**
   * Kendall's tau-b: (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)), where n0 = n(n-1)/2 and
   * n1, n2 count the pairs tied in x and in y. O(n^2), which suits studies of up to a few thousand
   * architectures.
   *
   * @return tau-b in [-1, 1], or NaN when x or y is constant (or fewer than 2 points)
   */
  public static double kendallTauB(double[] x, double[] y) {
    requireSameLength(x, y);
    long concordant = 0;
    long discordant = 0;
    long tiedX = 0;
    long tiedY = 0;
    int n = x.length;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int sx = Double.compare(x[i], x[j]);
        int sy = Double.compare(y[i], y[j]);
        if (sx == 0) {
          tiedX++;
        }
        if (sy == 0) {
          tiedY++;
        }
        if (sx != 0 && sy != 0) {
          if (sx == sy) {
            concordant++;
          } else {
            discordant++;
          }
        }
      }
    }
    long pairs = (long) n * (n - 1) / 2;
    double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }

  /**
   * Spearman's rho: the Pearson correlation of the average ranks.
   *
   * @return rho in [-1, 1], or NaN when x or y is constant (or fewer than 2 points)
   */
  public static double spearmanRho(double[] x, double[] y) {
    requireSameLength(x, y);
    return pearson(averageRanks(x), averageRanks(y));
  }

  /** Pearson's correlation; NaN when either input has no variance. */
  static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  }

  /** Ranks 1..n, ties sharing the average of the ranks they span. */
  static double[] averageRanks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(values[order[j + 1]], values[order[i]]) == 0) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  /**
   * The statistic on the sample, and its percentile bootstrap interval: {@code resamples} samples
   * of n pairs drawn with replacement from {@code seed}; resamples where the statistic is undefined
   * (every drawn x equal, say) are left out.
   *
   * @param level the interval's coverage, e.g. 0.95
   */
  public static Estimate bootstrap(
      double[] x,
      double[] y,
      ToDoubleBiFunction<double[], double[]> statistic,
      int resamples,
      double level,
      long seed) {
    requireSameLength(x, y);
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    }
    double value = statistic.applyAsDouble(x, y);
    int n = x.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[] drawnX = new double[n];
    double[] drawnY = new double[n];
    double[] values = new double[resamples];
    int defined = 0;
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(n);
        drawnX[i] = x[k];
        drawnY[i] = y[k];
      }
      double v = statistic.applyAsDouble(drawnX, drawnY);
      if (!Double.isNaN(v)) {
        values[defined++] = v;
      }
    }
    if (defined == 0) {
      return new Estimate(value, Double.NaN, Double.NaN);
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    double tail = (1 - level) / 2;
    return new Estimate(value, quantile(sorted, tail), quantile(sorted, 1 - tail));
  }

  /** The q-quantile of sorted values, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    double fraction = position - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }

  private static void requireSameLength(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y must be of one length, were " + x.length + " and " + y.length);
    }
  }
}

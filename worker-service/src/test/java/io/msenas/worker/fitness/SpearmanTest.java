package io.msenas.worker.fitness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Spearman} against ranks by counting and a plain Pearson correlation. */
class SpearmanTest {

  @Test
  void tiedValuesShareTheAverageOfTheirRanks() {
    assertThat(Spearman.ranks(new double[] {3, 1, 2, 2, 5, 2})).containsExactly(5, 1, 3, 3, 6, 3);
    assertThat(Spearman.ranks(new double[] {0, 1, 1, 0})).containsExactly(1.5, 3.5, 3.5, 1.5);
  }

  @Test
  void matchesScipysValueOnAHandWorkedExample() {
    // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138 = 4.5 / sqrt(22.5)
    assertThat(Spearman.correlation(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
        .isCloseTo(4.5 / Math.sqrt(22.5), within(1e-15));
  }

  @Test
  void equalsThePearsonCorrelationOfNaiveRanksOnRandomTiedData() {
    SplittableRandom random = new SplittableRandom(4);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + random.nextInt(60);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextInt(1 + trial % 7); // few distinct values: many ties
        y[i] = trial % 2 == 0 ? random.nextInt(2) : random.nextDouble();
      }

      double expected = naive(x, y);

      assertThat(Spearman.correlation(x, y))
          .as("trial %d", trial)
          .isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void monotoneRelationsGivePlusOrMinusOneAndConstantsGiveZero() {
    double[] x = {0.1, 0.5, 0.7, 2.0, 9.0};
    assertThat(Spearman.correlation(x, new double[] {1, 2, 3, 40, 50})).isEqualTo(1.0);
    assertThat(Spearman.correlation(x, new double[] {5, 4, 3, 2, 1})).isEqualTo(-1.0);
    assertThat(Spearman.correlation(x, new double[] {7, 7, 7, 7, 7})).isZero();
    assertThat(Spearman.correlation(new double[] {2, 2}, new double[] {1, 3})).isZero();
  }

  /** Average rank by counting; Pearson of the ranks; 0 for a constant sample. */
  static double naive(double[] x, double[] y) {
    double[] rx = naiveRanks(x);
    double[] ry = naiveRanks(y);
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += rx[i] / n;
      my += ry[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxx < 1e-12 || syy < 1e-12 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  private static double[] naiveRanks(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int below = 0;
      int equal = 0;
      for (double w : v) {
        below += w < v[i] ? 1 : 0;
        equal += w == v[i] ? 1 : 0;
      }
      r[i] = below + (equal + 1) / 2.0;
    }
    return r;
  }
}

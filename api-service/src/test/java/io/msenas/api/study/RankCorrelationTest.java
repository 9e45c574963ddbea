package io.msenas.api.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {

  // ------------------------------------------------------------ reference computations

  /** Kendall's tau-a straight from its definition: the mean sign agreement over all pairs. */
  private static double tauByDefinition(double[] x, double[] y) {
    int n = x.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sum += Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
      }
    }
    return sum / (n * (n - 1) / 2.0);
  }

  /** Spearman's textbook formula for data without ties: 1 - 6 sum d^2 / (n (n^2 - 1)). */
  private static double rhoWithoutTies(double[] x, double[] y) {
    int n = x.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int rx = 1;
      int ry = 1;
      for (int j = 0; j < n; j++) {
        rx += x[j] < x[i] ? 1 : 0;
        ry += y[j] < y[i] ? 1 : 0;
      }
      sum += (double) (rx - ry) * (rx - ry);
    }
    return 1 - 6 * sum / (n * ((double) n * n - 1));
  }

  private static double[][] correlatedSample(int n, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble();
      y[i] = x[i] + noise * random.nextDouble();
    }
    return new double[][] {x, y};
  }

  // ------------------------------------------------------------ tests

  @Test
  void withoutTiesTauAndRhoMatchTheirDefinitions() {
    for (long seed = 1; seed <= 20; seed++) {
      double[][] xy = correlatedSample(25, 0.8, seed);
      assertThat(RankCorrelation.kendallTauB(xy[0], xy[1]))
          .isCloseTo(tauByDefinition(xy[0], xy[1]), within(1e-12));
      assertThat(RankCorrelation.spearmanRho(xy[0], xy[1]))
          .isCloseTo(rhoWithoutTies(xy[0], xy[1]), within(1e-12));
    }
  }

  @Test
  void tiesFollowTauBAndAverageRanks() {
    // x = [12, 2, 1, 12, 2], y = [1, 4, 7, 1, 0]: pairs (n0 = 10) tied in x: 2, in y: 1;
    // concordant 2, discordant 6 -> tau-b = -4 / sqrt(8 * 9)
    double[] x = {12, 2, 1, 12, 2};
    double[] y = {1, 4, 7, 1, 0};
    assertThat(RankCorrelation.kendallTauB(x, y))
        .isCloseTo(-4 / Math.sqrt(72), within(1e-12))
        .isCloseTo(-0.47140452079103173, within(1e-12));
    assertThat(RankCorrelation.averageRanks(new double[] {5, 6, 7, 8, 7}))
        .containsExactly(1, 2, 3.5, 5, 3.5);
    // rho is the Pearson correlation of ranks [1..5] and [1, 2, 3.5, 5, 3.5]
    assertThat(
            RankCorrelation.spearmanRho(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}))
        .isCloseTo(0.8207826816681233, within(1e-12));
  }

  @Test
  void perfectOrdersGivePlusOrMinusOneAndConstantsAreUndefined() {
    double[] x = {1, 2, 3, 4};
    assertThat(RankCorrelation.kendallTauB(x, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
    assertThat(RankCorrelation.spearmanRho(x, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
    assertThat(RankCorrelation.kendallTauB(x, new double[] {7, 7, 7, 7})).isNaN();
    assertThat(RankCorrelation.spearmanRho(x, new double[] {7, 7, 7, 7})).isNaN();
    assertThatThrownBy(() -> RankCorrelation.kendallTauB(x, new double[] {1, 2}))
        .hasMessageContaining("one length");
  }

  @Test
  void theBootstrapIntervalHoldsTheEstimateNarrowsWithMoreDataAndRepeatsUnderItsSeed() {
    double[][] small = correlatedSample(20, 1.0, 7);
    double[][] large = correlatedSample(400, 1.0, 7);
    RankCorrelation.Estimate a =
        RankCorrelation.bootstrap(small[0], small[1], RankCorrelation::kendallTauB, 1000, 0.95, 42);
    RankCorrelation.Estimate again =
        RankCorrelation.bootstrap(small[0], small[1], RankCorrelation::kendallTauB, 1000, 0.95, 42);
    RankCorrelation.Estimate b =
        RankCorrelation.bootstrap(large[0], large[1], RankCorrelation::kendallTauB, 1000, 0.95, 42);
    assertThat(again).isEqualTo(a);
    assertThat(a.low()).isLessThanOrEqualTo(a.value());
    assertThat(a.high()).isGreaterThanOrEqualTo(a.value());
    assertThat(b.low()).isLessThanOrEqualTo(b.value());
    assertThat(b.high()).isGreaterThanOrEqualTo(b.value());
    assertThat(b.high() - b.low()).isLessThan((a.high() - a.low()) / 2);
    // y = x + U(0, 1) with x ~ U(0, 1): clearly positive, and the large sample's interval excludes
    // 0
    assertThat(b.low()).isGreaterThan(0.2);
  }

  @Test
  void theBootstrapIntervalOfIndependentDataStraddlesZero() {
    SplittableRandom random = new SplittableRandom(3);
    double[] x = new double[200];
    double[] y = new double[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble();
      y[i] = random.nextDouble();
    }
    RankCorrelation.Estimate rho =
        RankCorrelation.bootstrap(x, y, RankCorrelation::spearmanRho, 1000, 0.95, 1);
    assertThat(rho.low()).isNegative();
    assertThat(rho.high()).isPositive();
  }

  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    double[] sorted = {0, 10, 20, 30, 40};
    assertThat(RankCorrelation.quantile(sorted, 0)).isEqualTo(0);
    assertThat(RankCorrelation.quantile(sorted, 1)).isEqualTo(40);
    assertThat(RankCorrelation.quantile(sorted, 0.5)).isEqualTo(20);
    assertThat(RankCorrelation.quantile(sorted, 0.125)).isEqualTo(5);
  }
}

package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ziggurat's draws against the standard normal distribution, and their reproducibility. */
class GaussianTest {

  private static final int DRAWS = 2_000_000;

  @Test
  void momentsAreThoseOfTheStandardNormal() {
    SplittableRandom random = new SplittableRandom(7);
    double sum = 0;
    double squares = 0;
    double fourth = 0;
    for (int i = 0; i < DRAWS; i++) {
      double x = Gaussian.next(random);
      sum += x;
      squares += x * x;
      fourth += x * x * x * x;
    }
    // standard errors at 2e6 draws: mean 7e-4, variance 1e-3, fourth moment 7e-3
    assertThat(sum / DRAWS).isCloseTo(0, within(0.004));
    assertThat(squares / DRAWS).isCloseTo(1, within(0.006));
    assertThat(fourth / DRAWS).isCloseTo(3, within(0.04));
  }

  @Test
  void binCountsMatchTheNormalProbabilities() {
    // 0.25-wide bins over [-4.5, 4.5) plus the two tails beyond: the layers' rectangles, wedges
    // (every bin) and the tail beyond 3.44 all take part
    double width = 0.25;
    int bins = 36;
    double low = -4.5;
    long[] counts = new long[bins + 2];
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < DRAWS; i++) {
      double x = Gaussian.next(random);
      int bin = x < low ? 0 : (int) Math.min(bins + 1, Math.floor((x - low) / width) + 1);
      counts[bin]++;
    }
    double chiSquare = 0;
    for (int b = 0; b < counts.length; b++) {
      double from = b == 0 ? -12 : low + (b - 1) * width;
      double to = b == bins + 1 ? 12 : low + b * width;
      double expected = DRAWS * probability(from, to);
      chiSquare += (counts[b] - expected) * (counts[b] - expected) / expected;
    }
    // 37 degrees of freedom: the 99.99% quantile is about 74; a wrong table or tail is far above
    assertThat(chiSquare).isLessThan(74);
    // the far tails on their own: P(|x| > 3.5) = 4.65e-4, about 930 draws
    long beyond = 0;
    SplittableRandom again = new SplittableRandom(13);
    for (int i = 0; i < DRAWS; i++) {
      if (Math.abs(Gaussian.next(again)) > 3.5) {
        beyond++;
      }
    }
    assertThat((double) beyond).isCloseTo(DRAWS * 2 * probability(3.5, 12), within(130.0));
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    SplittableRandom a = new SplittableRandom(3);
    SplittableRandom b = new SplittableRandom(3);
    for (int i = 0; i < 10_000; i++) {
      assertThat(Double.doubleToRawLongBits(Gaussian.next(a)))
          .isEqualTo(Double.doubleToRawLongBits(Gaussian.next(b)));
    }
  }

  @Test
  void drawsAreFixedWhateverTheJdk() {
    // pinned values: the ziggurat's tables and slow paths use StrictMath and SplittableRandom's
    // bits are specified, so these hold on every JDK and CPU; a change here changes every score
    SplittableRandom random = new SplittableRandom(1);
    double[] first = new double[4];
    for (int i = 0; i < first.length; i++) {
      first[i] = Gaussian.next(random);
    }
    assertThat(first).containsExactly(EXPECTED_FIRST);
    // and a late draw, past the slow paths of a million draws
    SplittableRandom late = new SplittableRandom(1);
    double x = 0;
    for (int i = 0; i < 1_000_000; i++) {
      x = Gaussian.next(late);
    }
    assertThat(x).isEqualTo(EXPECTED_MILLIONTH);
  }

  private static final double[] EXPECTED_FIRST = {
    -1.3408060348048338, -1.1012362072090847, -0.1152907081692786, 0.627861453611577
  };
  private static final double EXPECTED_MILLIONTH = 1.0774752512624068;

  /** P(from < X < to) for a standard normal X, by Simpson's rule on the density. */
  private static double probability(double from, double to) {
    int steps = 2000;
    double h = (to - from) / steps;
    double sum = density(from) + density(to);
    for (int i = 1; i < steps; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * density(from + i * h);
    }
    return sum * h / 3;
  }

  private static double density(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }
}

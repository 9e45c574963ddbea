package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TwoPointCrossoverTest {

  private static final int N = 9;
  private final int[] first = IntStream.range(0, N).toArray();
  private final int[] second = IntStream.range(100, 100 + N).toArray();

  @Test
  void childrenSwapExactlyTheSegmentBetweenTheCutPoints() {
    TwoPointCrossover crossover = new TwoPointCrossover(1.0);
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 2_000; trial++) {
      TwoPointCrossover.Children c = crossover.apply(first, second, rng);
      assertThat(c.crossed()).isTrue();
      assertThat(c.from()).isBetween(1, N - 2);
      assertThat(c.to()).isBetween(c.from() + 1, N - 1);
      for (int k = 0; k < N; k++) {
        boolean inside = k >= c.from() && k < c.to();
        assertThat(c.first()[k])
            .as("first child gene %d", k)
            .isEqualTo(inside ? second[k] : first[k]);
        assertThat(c.second()[k])
            .as("second child gene %d", k)
            .isEqualTo(inside ? first[k] : second[k]);
      }
    }
    assertThat(first).containsExactly(IntStream.range(0, N).toArray()); // parents untouched
  }

  @Test
  void swapOfAGivenSegment() {
    TwoPointCrossover.Children c =
        TwoPointCrossover.swap(new int[] {1, 2, 3, 4, 5}, new int[] {6, 7, 8, 9, 0}, 1, 3);
    assertThat(c.first()).containsExactly(1, 7, 8, 4, 5);
    assertThat(c.second()).containsExactly(6, 2, 3, 9, 0);
  }

  @Test
  void cutPointPairsAreUniform() {
    TwoPointCrossover crossover = new TwoPointCrossover(1.0);
    SplittableRandom rng = new SplittableRandom(2);
    int n = 5; // cut points in [1, 4]: 6 pairs
    int[][] counts = new int[n][n];
    int trials = 60_000;
    for (int t = 0; t < trials; t++) {
      TwoPointCrossover.Children c = crossover.apply(new int[n], new int[n], rng);
      counts[c.from()][c.to()]++;
    }
    for (int i = 1; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        assertThat(counts[i][j] / (double) trials)
            .as("pair (%d, %d)", i, j)
            .isCloseTo(1.0 / 6, within(0.01));
      }
    }
  }

  @Test
  void crossesOverWithTheGivenProbabilityAndOtherwiseCopies() {
    TwoPointCrossover crossover = new TwoPointCrossover(0.9);
    SplittableRandom rng = new SplittableRandom(3);
    int crossed = 0;
    int trials = 20_000;
    for (int t = 0; t < trials; t++) {
      TwoPointCrossover.Children c = crossover.apply(first, second, rng);
      if (c.crossed()) {
        crossed++;
      } else {
        assertThat(c.first()).containsExactly(first);
        assertThat(c.second()).containsExactly(second);
      }
    }
    assertThat(crossed / (double) trials).isCloseTo(0.9, within(0.01));
  }

  @Test
  void probabilityZeroNeverCrosses() {
    TwoPointCrossover.Children c =
        new TwoPointCrossover(0.0).apply(first, second, new SplittableRandom(4));
    assertThat(c.crossed()).isFalse();
    assertThat(c.first()).containsExactly(first).isNotSameAs(first);
  }

  @Test
  void rejectsBadInputsNamingTheValue() {
    assertThatThrownBy(() -> new TwoPointCrossover(1.5))
        .hasMessage("crossover probability must be in [0, 1], was 1.5");
    TwoPointCrossover crossover = new TwoPointCrossover(1.0);
    assertThatThrownBy(() -> crossover.apply(new int[3], new int[4], new SplittableRandom(5)))
        .hasMessage("parents must have the same length, were 3 and 4");
    assertThatThrownBy(() -> crossover.apply(new int[2], new int[2], new SplittableRandom(5)))
        .hasMessage("two-point crossover needs at least 3 genes, was 2");
  }
}

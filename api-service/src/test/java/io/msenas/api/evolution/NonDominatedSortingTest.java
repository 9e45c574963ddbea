package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonDominatedSortingTest {

  // minimised: A(1,5) B(2,3) C(4,1) | D(3,4) F(2,6) | E(5,5)
  private static final double[][] POINTS = {{1, 5}, {2, 3}, {4, 1}, {3, 4}, {5, 5}, {2, 6}};

  @Test
  void dominationNeedsNoWorseEverywhereAndBetterSomewhere() {
    assertThat(NonDominatedSorting.dominates(new double[] {1, 2}, new double[] {1, 3})).isTrue();
    assertThat(NonDominatedSorting.dominates(new double[] {1, 3}, new double[] {1, 3})).isFalse();
    assertThat(NonDominatedSorting.dominates(new double[] {0, 4}, new double[] {1, 3})).isFalse();
  }

  @Test
  void sortsHandMadePointsIntoTheirKnownFronts() {
    List<int[]> fronts = NonDominatedSorting.fronts(POINTS);
    assertThat(fronts).hasSize(3);
    assertThat(fronts.get(0)).containsExactly(0, 1, 2);
    assertThat(fronts.get(1)).containsExactly(3, 5);
    assertThat(fronts.get(2)).containsExactly(4);
  }

  @Test
  void singleObjectiveFrontsAreLevelsOfEqualValue() {
    List<int[]> fronts = NonDominatedSorting.fronts(new double[][] {{3}, {1}, {1}, {2}});
    assertThat(fronts).hasSize(3);
    assertThat(fronts.get(0)).containsExactly(1, 2);
    assertThat(fronts.get(1)).containsExactly(3);
    assertThat(fronts.get(2)).containsExactly(0);
  }

  @Test
  void crowdingOfThreePointsGivesInfiniteEndsAndNormalisedGaps() {
    double[] d = NonDominatedSorting.crowding(POINTS, new int[] {0, 1, 2});
    assertThat(d[0]).isInfinite();
    assertThat(d[2]).isInfinite();
    // B: objective 1 gap (4 - 1) / 3 = 1, objective 2 gap (5 - 1) / 4 = 1
    assertThat(d[1]).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void crowdingOfFourPointsMatchesTheHandComputation() {
    double[][] points = {{0, 10}, {1, 7}, {4, 4}, {10, 0}};
    double[] d = NonDominatedSorting.crowding(points, new int[] {0, 1, 2, 3});
    assertThat(d[0]).isInfinite();
    assertThat(d[3]).isInfinite();
    assertThat(d[1]).isCloseTo(0.4 + 0.6, within(1e-12)); // (4 - 0) / 10 + (10 - 4) / 10
    assertThat(d[2]).isCloseTo(0.9 + 0.7, within(1e-12)); // (10 - 1) / 10 + (7 - 0) / 10
  }

  @Test
  void crowdingOfTinyFrontsIsInfiniteAndAConstantObjectiveAddsNothing() {
    assertThat(NonDominatedSorting.crowding(POINTS, new int[] {3, 5}))
        .containsOnly(Double.POSITIVE_INFINITY);
    double[] d = NonDominatedSorting.crowding(new double[][] {{1}, {1}, {1}}, new int[] {0, 1, 2});
    assertThat(d).containsExactly(Double.POSITIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY);
  }
}

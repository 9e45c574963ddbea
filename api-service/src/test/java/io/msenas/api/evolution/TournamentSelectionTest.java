package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TournamentSelectionTest {

  private final SplittableRandom rng = new SplittableRandom(21);

  @Test
  void lowerRankWinsWhateverTheCrowding() {
    int[] rank = {0, 1};
    double[] crowding = {0.0, Double.POSITIVE_INFINITY};
    assertThat(TournamentSelection.winner(0, 1, rank, crowding, rng)).isZero();
    assertThat(TournamentSelection.winner(1, 0, rank, crowding, rng)).isZero();
  }

  @Test
  void withinARankLargerCrowdingWins() {
    int[] rank = {2, 2};
    double[] crowding = {0.5, 1.5};
    assertThat(TournamentSelection.winner(0, 1, rank, crowding, rng)).isOne();
    assertThat(TournamentSelection.winner(1, 0, rank, crowding, rng)).isOne();
  }

  @Test
  void aFullTieIsAFairCoin() {
    int[] rank = {0, 0};
    double[] crowding = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    int first = 0;
    int trials = 20_000;
    for (int t = 0; t < trials; t++) {
      first += TournamentSelection.winner(0, 1, rank, crowding, rng) == 0 ? 1 : 0;
    }
    assertThat(first / (double) trials).isCloseTo(0.5, within(0.02));
  }

  @Test
  void selectionFavoursTheBestAndNeverPicksTheWorst() {
    int[] rank = {0, 1, 2};
    double[] crowding = {1.0, 1.0, 1.0};
    int[] wins = new int[3];
    int trials = 30_000;
    for (int t = 0; t < trials; t++) {
      wins[TournamentSelection.select(rank, crowding, rng)]++;
    }
    // two distinct contestants out of three: the best is in 2/3 of the pairs, the middle wins 1/3
    assertThat(wins[0] / (double) trials).isCloseTo(2.0 / 3, within(0.02));
    assertThat(wins[1] / (double) trials).isCloseTo(1.0 / 3, within(0.02));
    assertThat(wins[2]).isZero();
  }

  @Test
  void aPoolOfOneAlwaysReturnsIt() {
    assertThat(TournamentSelection.select(new int[] {0}, new double[] {0.0}, rng)).isZero();
  }
}

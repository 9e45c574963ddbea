package io.msenas.api.evolution;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Binary tournament for NSGA-II mating selection: two distinct contestants drawn uniformly from the
 * pool; the lower Pareto rank wins, then the larger crowding distance, then a fair coin from the
 * generator. A pool of one always returns that member. Stateless; thread-safe.
 */
final class TournamentSelection {

  private TournamentSelection() {}

  /**
   * Picks one pool member.
   *
   * @param rank the Pareto rank of each member (0 = first front)
   * @param crowding the crowding distance of each member, same length
   * @return the winner's index
   */
  static int select(int[] rank, double[] crowding, RandomGenerator rng) {
    Objects.requireNonNull(rng, "rng");
    int n = rank.length;
    if (n == 0 || crowding.length != n) {
      throw new IllegalArgumentException(
          "pool must be non-empty with one crowding per rank, was "
              + n
              + " ranks and "
              + crowding.length
              + " distances");
    }
    if (n == 1) {
      return 0;
    }
    int a = rng.nextInt(n);
    int b = rng.nextInt(n - 1);
    if (b >= a) {
      b++;
    }
    return winner(a, b, rank, crowding, rng);
  }

  /** The winner of {@code a} against {@code b}; draws from {@code rng} only on a full tie. */
  static int winner(int a, int b, int[] rank, double[] crowding, RandomGenerator rng) {
    if (rank[a] != rank[b]) {
      return rank[a] < rank[b] ? a : b;
    }
    int byCrowding = Double.compare(crowding[a], crowding[b]);
    if (byCrowding != 0) {
      return byCrowding > 0 ? a : b;
    }
    return rng.nextBoolean() ? a : b;
  }
}

package io.msenas.api.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NSGA-II survival: non-dominated sort of the pool, whole fronts while they fit, then the last
 * front truncated by crowding distance, largest first, ties by {@link Candidate#ID_ORDER}. The
 * pool's order does not matter: it is sorted by id first. Stateless; thread-safe.
 */
final class RankAndCrowdingSurvival {

  /**
   * The survivors, best first (by front, then crowding distance descending, then id), with the rank
   * and crowding distance each had in the pool; mating selection uses them.
   */
  record Survivors(List<EvaluatedCandidate> members, int[] rank, double[] crowding) {
    int size() {
      return members.size();
    }
  }

  private RankAndCrowdingSurvival() {}

  /**
   * Selects up to {@code size} survivors.
   *
   * @param pool candidates that did not fail, with objectives of one common count, ids distinct
   * @param size how many survive, {@code >= 1}
   */
  static Survivors select(List<EvaluatedCandidate> pool, int size) {
    List<EvaluatedCandidate> sorted = new ArrayList<>(pool);
    sorted.sort(Comparator.comparing(EvaluatedCandidate::candidate, Candidate.ID_ORDER));
    double[][] points = minimisedObjectives(sorted);
    int kept = Math.min(size, sorted.size());
    List<EvaluatedCandidate> members = new ArrayList<>(kept);
    int[] rank = new int[kept];
    double[] crowding = new double[kept];
    List<int[]> fronts = NonDominatedSorting.fronts(points);
    for (int r = 0; r < fronts.size() && members.size() < kept; r++) {
      int[] front = fronts.get(r);
      double[] distance = NonDominatedSorting.crowding(points, front);
      Integer[] order = new Integer[front.length];
      for (int k = 0; k < front.length; k++) {
        order[k] = k;
      }
      // largest distance first; equal distances (infinite ends included) by id, i.e. by pool index
      Arrays.sort(
          order,
          Comparator.<Integer>comparingDouble(k -> -distance[k]).thenComparingInt(k -> front[k]));
      for (int k = 0; k < front.length && members.size() < kept; k++) {
        rank[members.size()] = r;
        crowding[members.size()] = distance[order[k]];
        members.add(sorted.get(front[order[k]]));
      }
    }
    return new Survivors(List.copyOf(members), rank, crowding);
  }

  /** The objective vectors to minimise, in the list's order. */
  static double[][] minimisedObjectives(List<EvaluatedCandidate> candidates) {
    double[][] points = new double[candidates.size()][];
    for (int i = 0; i < points.length; i++) {
      EvaluatedCandidate c = candidates.get(i);
      if (c.failed()) {
        throw new IllegalArgumentException("candidate " + c.id() + " failed and cannot be ranked");
      }
      points[i] = c.objectives().minimised();
    }
    return points;
  }
}

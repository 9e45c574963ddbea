package io.msenas.api.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Deb's fast non-dominated sort and crowding distance (NSGA-II), on objective vectors to minimise.
 * Points are identified by their index; callers pass them in a fixed order (the engine: {@link
 * Candidate#ID_ORDER}), and every tie is resolved by that index, so the results are deterministic.
 */
final class NonDominatedSorting {

  private NonDominatedSorting() {}

  /** Whether {@code a} dominates {@code b}: no worse in every objective, better in at least one. */
  static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int m = 0; m < a.length; m++) {
      if (a[m] > b[m]) {
        return false;
      }
      better |= a[m] < b[m];
    }
    return better;
  }

  /**
   * The fronts, best first; each front lists point indices ascending. O(M N^2) for N points and M
   * objectives.
   */
  static List<int[]> fronts(double[][] points) {
    int n = points.length;
    int[] dominatedByCount = new int[n];
    List<List<Integer>> dominates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dominates.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (dominates(points[i], points[j])) {
          dominates.get(i).add(j);
          dominatedByCount[j]++;
        } else if (dominates(points[j], points[i])) {
          dominates.get(j).add(i);
          dominatedByCount[i]++;
        }
      }
    }
    List<int[]> fronts = new ArrayList<>();
    int[] current = IntStream.range(0, n).filter(i -> dominatedByCount[i] == 0).toArray();
    while (current.length > 0) {
      fronts.add(current);
      List<Integer> next = new ArrayList<>();
      for (int i : current) {
        for (int j : dominates.get(i)) {
          if (--dominatedByCount[j] == 0) {
            next.add(j);
          }
        }
      }
      current = next.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return fronts;
  }

  /**
   * The crowding distance of each member of one front (same order as {@code front}). Per objective,
   * the members are sorted by value (ties by index); the two ends get {@code +Infinity}, every
   * inner member adds the gap between its neighbours divided by the objective's range. An objective
   * with a zero range adds nothing to inner members. Fronts of one or two points are all infinite.
   */
  static double[] crowding(double[][] points, int[] front) {
    int size = front.length;
    double[] distance = new double[size];
    if (size <= 2) {
      Arrays.fill(distance, Double.POSITIVE_INFINITY);
      return distance;
    }
    int objectives = points[front[0]].length;
    for (int m = 0; m < objectives; m++) {
      final int objective = m;
      Integer[] order = new Integer[size];
      for (int k = 0; k < size; k++) {
        order[k] = k;
      }
      Arrays.sort(
          order,
          Comparator.<Integer>comparingDouble(k -> points[front[k]][objective])
              .thenComparingInt(k -> front[k]));
      double min = points[front[order[0]]][m];
      double max = points[front[order[size - 1]]][m];
      distance[order[0]] = Double.POSITIVE_INFINITY;
      distance[order[size - 1]] = Double.POSITIVE_INFINITY;
      if (max > min) {
        for (int k = 1; k < size - 1; k++) {
          double gap = points[front[order[k + 1]]][m] - points[front[order[k - 1]]][m];
          distance[order[k]] += gap / (max - min);
        }
      }
    }
    return distance;
  }
}

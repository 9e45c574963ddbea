package io.msenas.api.evolution;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Two-point crossover on the flat gene vector (pymoo's {@code TwoPointCrossover}). With probability
 * {@code p} it draws two distinct cut points {@code 1 <= i < j <= n - 1} uniformly among all such
 * pairs and the children swap the genes in {@code [i, j)}: the first child is the first parent with
 * the second parent's segment, and vice versa. Otherwise the children are copies of the parents.
 * Stateless apart from {@code p}; thread-safe.
 */
final class TwoPointCrossover {

  /** The outcome of one mating; {@code crossed} tells whether {@code [from, to)} was swapped. */
  record Children(int[] first, int[] second, boolean crossed, int from, int to) {}

  private final double probability;

  TwoPointCrossover(double probability) {
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException(
          "crossover probability must be in [0, 1], was " + probability);
    }
    this.probability = probability;
  }

  /**
   * Mates two parents of equal length {@code n >= 3} (the smallest with two distinct inner cuts).
   * Always draws the crossover coin first, then the two points only when crossing over.
   */
  Children apply(int[] first, int[] second, RandomGenerator rng) {
    Objects.requireNonNull(rng, "rng");
    int n = first.length;
    if (second.length != n) {
      throw new IllegalArgumentException(
          "parents must have the same length, were " + n + " and " + second.length);
    }
    if (n < 3) {
      throw new IllegalArgumentException("two-point crossover needs at least 3 genes, was " + n);
    }
    if (rng.nextDouble() >= probability) {
      return new Children(first.clone(), second.clone(), false, 0, 0);
    }
    // a uniform unordered pair of distinct points in [1, n - 1]
    int a = rng.nextInt(1, n);
    int b = rng.nextInt(1, n - 1);
    if (b >= a) {
      b++;
    }
    int from = Math.min(a, b);
    int to = Math.max(a, b);
    return swap(first, second, from, to);
  }

  /** The two children of swapping {@code [from, to)}; the parents are not changed. */
  static Children swap(int[] first, int[] second, int from, int to) {
    int[] x = first.clone();
    int[] y = second.clone();
    for (int k = from; k < to; k++) {
      x[k] = second[k];
      y[k] = first[k];
    }
    return new Children(x, y, true, from, to);
  }
}

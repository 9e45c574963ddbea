package io.msenas.api.evolution;

/**
 * The objective values of one evaluated candidate.
 *
 * <p>Objective 1 is the fitness, maximised (the RDM score by default). Objective 2 is the cost,
 * minimised (estimated synaptic operations or parameter count): present exactly when the search has
 * two objectives ({@link EvolutionSettings#objectives()} = 2).
 *
 * <p>Immutable and thread-safe.
 *
 * @param fitness the fitness, finite; larger is better
 * @param cost the cost, finite, or {@code null} for a single-objective search; smaller is better
 */
public record Objectives(double fitness, Double cost) {

  /** Validates the values. */
  public Objectives {
    if (!Double.isFinite(fitness)) {
      throw new IllegalArgumentException("fitness must be finite, was " + fitness);
    }
    if (cost != null && !Double.isFinite(cost)) {
      throw new IllegalArgumentException("cost must be finite or absent, was " + cost);
    }
  }

  /**
   * Single-objective values.
   *
   * @param fitness the fitness, finite
   * @return objectives without a cost
   */
  public static Objectives of(double fitness) {
    return new Objectives(fitness, null);
  }

  /**
   * Two-objective values.
   *
   * @param fitness the fitness, finite
   * @param cost the cost, finite
   * @return objectives with a cost
   */
  public static Objectives of(double fitness, double cost) {
    return new Objectives(fitness, cost);
  }

  /**
   * The number of objectives present.
   *
   * @return 1 without a cost, 2 with one
   */
  public int count() {
    return cost == null ? 1 : 2;
  }

  /** The values as a vector to minimise: {@code [-fitness]} or {@code [-fitness, cost]}. */
  double[] minimised() {
    return cost == null ? new double[] {-fitness} : new double[] {-fitness, cost};
  }
}

package io.msenas.api.evolution;

/**
 * The parameters of one NSGA-II search (docs/algorithm.md section 4). {@link #defaults()} gives the
 * release's values; every value can be changed with a {@code with...} method, which validates.
 *
 * <p><b>Generations.</b> Generation numbers run from 0 (the random initial population) to {@link
 * #lastGeneration()} = {@code generations - 1}; every generation after 0 breeds up to {@code
 * offspring} new candidates. So a search evaluates at most {@code population + (generations - 1) *
 * offspring} candidates: 5,000 for the defaults, as in the release (pymoo counts generations the
 * same way).
 *
 * <p>Immutable and thread-safe.
 *
 * @param population the number of survivors kept each generation (and the size of generation 0), in
 *     {@code [2, 10000]}; default 50
 * @param offspring the number of candidates bred per generation, in {@code [1, 10000]}; default 50
 * @param generations the number of generations including generation 0, in {@code [1, 10000]};
 *     default 100
 * @param crossoverProbability the probability that a mating crosses over, in {@code [0, 1]};
 *     default 0.9
 * @param mutationEta the distribution index of polynomial mutation, in {@code [0, 1000]} (larger
 *     means smaller steps); default 3
 * @param mutationRate the per-gene mutation probability, in {@code [0, 1]}, or {@code null} for
 *     {@code 1 / n} with n the genome length (the default)
 * @param seed the seed every random draw derives from; default 99
 * @param objectives 1 (fitness) or 2 (fitness and cost); default 1
 */
public record EvolutionSettings(
    int population,
    int offspring,
    int generations,
    double crossoverProbability,
    double mutationEta,
    Double mutationRate,
    long seed,
    int objectives) {

  /** The largest population, offspring count and number of generations accepted. */
  public static final int MAX_SIZE = 10_000;

  /** The largest mutation distribution index accepted. */
  public static final double MAX_ETA = 1000.0;

  /** Validates the values; messages name the bad value. */
  public EvolutionSettings {
    requireIn("population", population, 2, MAX_SIZE);
    requireIn("offspring", offspring, 1, MAX_SIZE);
    requireIn("generations", generations, 1, MAX_SIZE);
    requireIn("crossoverProbability", crossoverProbability, 1.0);
    requireIn("mutationEta", mutationEta, MAX_ETA);
    if (mutationRate != null) {
      requireIn("mutationRate", mutationRate, 1.0);
    }
    requireIn("objectives", objectives, 1, 2);
  }

  /**
   * The release's settings: population 50, offspring 50, 100 generations, crossover 0.9, eta 3,
   * mutation rate 1/n, seed 99, one objective.
   *
   * @return the defaults
   */
  public static EvolutionSettings defaults() {
    return new EvolutionSettings(50, 50, 100, 0.9, 3.0, null, 99L, 1);
  }

  /**
   * The number of the last generation.
   *
   * @return {@code generations - 1}
   */
  public int lastGeneration() {
    return generations - 1;
  }

  /**
   * The per-gene mutation probability for a genome length.
   *
   * @param genomeLength the number of genes, {@code >= 1}
   * @return {@link #mutationRate()}, or {@code 1.0 / genomeLength} when it is {@code null}
   */
  public double effectiveMutationRate(int genomeLength) {
    requireIn("genomeLength", genomeLength, 1, Integer.MAX_VALUE);
    return mutationRate == null ? 1.0 / genomeLength : mutationRate;
  }

  /**
   * A copy with another value.
   *
   * @param v the population
   * @return the copy, validated
   */
  public EvolutionSettings withPopulation(int v) {
    return new EvolutionSettings(
        v,
        offspring,
        generations,
        crossoverProbability,
        mutationEta,
        mutationRate,
        seed,
        objectives);
  }

  /**
   * A copy with another value.
   *
   * @param v the offspring count
   * @return the copy, validated
   */
  public EvolutionSettings withOffspring(int v) {
    return new EvolutionSettings(
        population,
        v,
        generations,
        crossoverProbability,
        mutationEta,
        mutationRate,
        seed,
        objectives);
  }

  /**
   * A copy with another value.
   *
   * @param v the number of generations
   * @return the copy, validated
   */
  public EvolutionSettings withGenerations(int v) {
    return new EvolutionSettings(
        population,
        offspring,
        v,
        crossoverProbability,
        mutationEta,
        mutationRate,
        seed,
        objectives);
  }

  /**
   * A copy with another value.
   *
   * @param v the crossover probability
   * @return the copy, validated
   */
  public EvolutionSettings withCrossoverProbability(double v) {
    return new EvolutionSettings(
        population, offspring, generations, v, mutationEta, mutationRate, seed, objectives);
  }

  /**
   * A copy with another value.
   *
   * @param v the mutation distribution index
   * @return the copy, validated
   */
  public EvolutionSettings withMutationEta(double v) {
    return new EvolutionSettings(
        population,
        offspring,
        generations,
        crossoverProbability,
        v,
        mutationRate,
        seed,
        objectives);
  }

  /**
   * A copy with another value.
   *
   * @param v the per-gene mutation rate, or {@code null} for 1/n
   * @return the copy, validated
   */
  public EvolutionSettings withMutationRate(Double v) {
    return new EvolutionSettings(
        population, offspring, generations, crossoverProbability, mutationEta, v, seed, objectives);
  }

  /**
   * A copy with another value.
   *
   * @param v the seed
   * @return the copy, validated
   */
  public EvolutionSettings withSeed(long v) {
    return new EvolutionSettings(
        population,
        offspring,
        generations,
        crossoverProbability,
        mutationEta,
        mutationRate,
        v,
        objectives);
  }

  /**
   * A copy with another value.
   *
   * @param v the number of objectives
   * @return the copy, validated
   */
  public EvolutionSettings withObjectives(int v) {
    return new EvolutionSettings(
        population,
        offspring,
        generations,
        crossoverProbability,
        mutationEta,
        mutationRate,
        seed,
        v);
  }

  private static void requireIn(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], was " + value);
    }
  }

  // doubles: the range is [0, max]; NaN fails both comparisons, so test for the inside
  private static void requireIn(String name, double value, double max) {
    if (!(value >= 0.0 && value <= max)) {
      throw new IllegalArgumentException(name + " must be in [0, " + max + "], was " + value);
    }
  }
}

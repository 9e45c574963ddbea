package io.msenas.api.search;

import io.msenas.api.evolution.EvolutionSettings;
import io.msenas.model.genome.FeedbackSign;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;

/**
 * A search with every parameter resolved (preset defaults plus the request's overrides) and
 * validated. Stored as the job's spec; everything the search does follows from it.
 *
 * @param objectives 1 (fitness, maximised) or 2 (fitness maximised, cost minimised); specs stored
 *     before the field existed read as 1
 * @param costObjective the cost of a two-objective search; {@code null} with one objective
 * @param evolution {@value #GENERATIONAL} (NSGA-II with a barrier per generation: reproducible with
 *     any number of workers) or {@value #STEADY_STATE} (no barrier: each result replaces itself
 *     with a new child at once; reproducible only with results in the same order); specs stored
 *     before the field existed read as generational
 */
public record SearchSpec(
    String dataset,
    String preset,
    int population,
    int offspring,
    int generations,
    double crossoverProbability,
    double mutationEta,
    Double mutationRate,
    long seed,
    int timeSteps,
    int channels,
    int cells,
    int batchSize,
    int batches,
    String fitness,
    int motifMax,
    FeedbackSign feedbackSign,
    double tau,
    double threshold,
    Integer objectives,
    CostObjective costObjective,
    String evolution) {

  /** Generation by generation, each waiting for the last evaluation of the one before. */
  public static final String GENERATIONAL = "generational";

  /** No generation barrier (docs/engine.md, "Steady-state evolution"). */
  public static final String STEADY_STATE = "steady-state";

  /** Reads absent fields of a spec stored before they existed: one objective, generational. */
  public SearchSpec {
    if (objectives == null) {
      objectives = 1;
    }
    if (evolution == null) {
      evolution = GENERATIONAL;
    }
  }

  /** Whether this search evolves without a generation barrier. */
  public boolean steadyState() {
    return STEADY_STATE.equals(evolution);
  }

  /** The genome space this search evolves in. */
  public SearchSpace searchSpace() {
    return SearchSpace.of(cells, InputKind.STATIC_IMAGE)
        .withMotifMax(motifMax)
        .withFeedbackSign(feedbackSign);
  }

  /**
   * How workers score its genomes (also the fitness-cache key, with the genome hash), at the
   * fitness function's current version.
   */
  public FitnessConfig fitnessConfig() {
    Integer version = FitnessConfig.CURRENT_VERSIONS.get(fitness);
    if (version == null) {
      throw new IllegalStateException("fitness '" + fitness + "' is not offered any more");
    }
    return new FitnessConfig(
        fitness, version, dataset, channels, timeSteps, batchSize, batches, seed, tau, threshold);
  }

  /** The NSGA-II settings. */
  public EvolutionSettings evolutionSettings() {
    return new EvolutionSettings(
        population,
        offspring,
        generations,
        crossoverProbability,
        mutationEta,
        mutationRate,
        seed,
        objectives);
  }

  /**
   * The cost the search ranks on, or {@code null} for a one-objective search.
   *
   * @return the cost objective when {@code objectives == 2}
   */
  public CostObjective rankedCost() {
    return objectives == 2 ? costObjective : null;
  }

  /**
   * Evaluations the whole search needs at most: the initial population and each generation's
   * offspring.
   */
  public int evaluationsTotal() {
    return population + (generations - 1) * offspring;
  }
}

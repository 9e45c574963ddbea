package io.msenas.api.search;

import io.msenas.api.evolution.EvolutionSettings;
import io.msenas.model.genome.FeedbackSign;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;

/**
 * A search with every parameter resolved (preset defaults plus the request's overrides) and
 * validated. Stored as the job's spec; everything the search does follows from it.
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
    double threshold) {

  /** The genome space this search evolves in. */
  public SearchSpace searchSpace() {
    return SearchSpace.of(cells, InputKind.STATIC_IMAGE)
        .withMotifMax(motifMax)
        .withFeedbackSign(feedbackSign);
  }

  /** How workers score its genomes (also the fitness-cache key, with the genome hash). */
  public FitnessConfig fitnessConfig() {
    return new FitnessConfig(
        fitness, 1, dataset, channels, timeSteps, batchSize, batches, seed, tau, threshold);
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
        1);
  }

  /**
   * Evaluations the whole search needs at most: the initial population and each generation's
   * offspring.
   */
  public int evaluationsTotal() {
    return population + (generations - 1) * offspring;
  }
}

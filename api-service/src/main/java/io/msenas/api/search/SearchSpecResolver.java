package io.msenas.api.search;

import static io.msenas.api.search.FieldViolation.doubleIn;
import static io.msenas.api.search.FieldViolation.intIn;

import io.msenas.model.genome.FeedbackSign;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a preset and a request's overrides, and validates every field against its documented
 * range, collecting all violations (so a client sees every bad field at once). The public limits
 * are also checked by the CLI, on its command line.
 */
public final class SearchSpecResolver {

  /** Data sets the workers ship. */
  public static final Set<String> DATASETS = Set.of("mnist");

  /** Fitness functions the workers implement, sorted. */
  public static final Set<String> FITNESSES =
      Collections.unmodifiableSet(new TreeSet<>(FitnessConfig.CURRENT_VERSIONS.keySet()));

  public static final int MAX_POPULATION = 1000;
  static final int MAX_OFFSPRING = 1000;
  public static final int MAX_GENERATIONS = 10_000;
  static final int MAX_TIME_STEPS = 64;
  static final int MAX_CHANNELS = 512;
  static final int MAX_CELLS = 64;

  /**
   * The least share of a search space's random networks that can classify ({@link
   * io.msenas.model.genome.SearchSpace#shareThatCanClassify}); below it a search is refused.
   */
  static final double MIN_SHARE_THAT_CAN_CLASSIFY = 0.01;

  static final int MAX_BATCH = 1024;
  static final int MAX_BATCHES = 16;
  static final long DEFAULT_SEED = 99;

  private SearchSpecResolver() {}

  static SearchSpec resolve(CreateSearchRequest r) {
    List<FieldViolation> errors = new ArrayList<>();
    String dataset = r.dataset();
    if (dataset == null) {
      errors.add(new FieldViolation("dataset", null, "is required; known: " + DATASETS));
    } else if (!DATASETS.contains(dataset)) {
      errors.add(new FieldViolation("dataset", dataset, "unknown dataset; known: " + DATASETS));
    }
    Preset preset = Preset.QUICK;
    if (r.preset() != null) {
      try {
        preset = Preset.fromId(r.preset());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldViolation("preset", r.preset(), "unknown preset; known: paper, quick, smoke"));
      }
    }
    int population =
        intIn(errors, "population", r.population(), preset.population(), 2, MAX_POPULATION);
    int offspring = intIn(errors, "offspring", r.offspring(), preset.offspring(), 2, MAX_OFFSPRING);
    int generations =
        intIn(errors, "generations", r.generations(), preset.generations(), 1, MAX_GENERATIONS);
    double crossover =
        doubleIn(errors, "crossoverProbability", r.crossoverProbability(), 0.9, 0.0, 1.0);
    double eta = doubleIn(errors, "mutationEta", r.mutationEta(), 3.0, 0.0, 1000.0);
    Double rate =
        r.mutationRate() == null
            ? null
            : doubleIn(errors, "mutationRate", r.mutationRate(), 0.0, 0.0, 1.0);
    long seed = r.seed() == null ? DEFAULT_SEED : r.seed();
    if (seed < 0) {
      errors.add(new FieldViolation("seed", seed, "must be >= 0"));
    }
    int timeSteps =
        intIn(errors, "timeSteps", r.timeSteps(), preset.timeSteps(), 1, MAX_TIME_STEPS);
    int channels = intIn(errors, "channels", r.channels(), preset.channels(), 2, MAX_CHANNELS);
    if (r.channels() != null && channels % 2 != 0) {
      errors.add(
          new FieldViolation("channels", channels, "must be even (factorized reduce halves it)"));
    }
    int cells = intIn(errors, "cells", r.cells(), preset.cells(), 4, MAX_CELLS);
    int batchSize = intIn(errors, "batchSize", r.batchSize(), preset.batchSize(), 2, MAX_BATCH);
    int batches = intIn(errors, "batches", r.batches(), 2, 1, MAX_BATCHES);
    String fitness = r.fitness() == null ? "rdm-hamming" : r.fitness();
    if (!FITNESSES.contains(fitness)) {
      errors.add(new FieldViolation("fitness", fitness, "unknown fitness; known: " + FITNESSES));
    }
    int motifMax;
    if (Integer.valueOf(0).equals(r.motifMax())) {
      motifMax = 0;
      errors.add(
          new FieldViolation(
              "motifMax",
              0,
              "must be in [1, 5]: with 0 every searched cell is a zero cell (m0, mm0), which cuts"
                  + " the input off, so no network could classify"));
    } else {
      motifMax = intIn(errors, "motifMax", r.motifMax(), 3, 1, 5);
    }
    FeedbackSign feedback = FeedbackSign.EXCITATORY;
    if (r.feedbackSign() != null) {
      try {
        feedback = FeedbackSign.valueOf(r.feedbackSign().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldViolation(
                "feedbackSign", r.feedbackSign(), "must be excitatory or inhibitory"));
      }
    }
    double tau = doubleIn(errors, "tau", r.tau(), 2.0, 1.0, 1000.0);
    double threshold = doubleIn(errors, "threshold", r.threshold(), 0.5, 1e-6, 1000.0);
    int objectives = intIn(errors, "objectives", r.objectives(), 1, 1, 2);
    CostObjective cost = costObjective(errors, objectives, r.costObjective());
    String evolution = r.evolution() == null ? SearchSpec.GENERATIONAL : r.evolution();
    if (!evolution.equals(SearchSpec.GENERATIONAL) && !evolution.equals(SearchSpec.STEADY_STATE)) {
      errors.add(
          new FieldViolation("evolution", r.evolution(), "must be generational or steady-state"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    SearchSpec spec =
        new SearchSpec(
            dataset,
            preset.id(),
            population,
            offspring,
            generations,
            crossover,
            eta,
            rate,
            seed,
            timeSteps,
            channels,
            cells,
            batchSize,
            batches,
            fitness,
            motifMax,
            feedback,
            tau,
            threshold,
            objectives,
            cost,
            evolution);
    double share = spec.searchSpace().shareThatCanClassify();
    if (share < MIN_SHARE_THAT_CAN_CLASSIFY) {
      // generation 0 would find only a handful of networks to evaluate
      throw new InvalidSpecException(
          List.of(
              new FieldViolation(
                  "cells",
                  cells,
                  String.format(
                      Locale.ROOT,
                      "with %d cells and motifMax %d only %.2f%% of the networks can classify (zero"
                          + " cells cut the input off in the rest); give fewer cells or a larger"
                          + " motifMax",
                      cells,
                      motifMax,
                      100 * share))));
    }
    return spec;
  }

  /**
   * The cost of a two-objective search: as requested, {@code sops} by default; none for one
   * objective, where asking for one is an error (it would be silently ignored).
   */
  private static CostObjective costObjective(
      List<FieldViolation> errors, int objectives, String requested) {
    CostObjective cost = null;
    if (requested != null) {
      try {
        cost = CostObjective.fromId(requested);
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldViolation(
                "costObjective",
                requested,
                "unknown cost objective; known: " + CostObjective.ids()));
        return null;
      }
      if (objectives == 1) {
        errors.add(
            new FieldViolation(
                "costObjective",
                requested,
                "needs objectives = 2; a one-objective search ranks on fitness alone"));
      }
    }
    if (objectives != 2) {
      return null;
    }
    return cost == null ? CostObjective.SOPS : cost;
  }
}

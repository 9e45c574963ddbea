package io.msenas.api.evolution;

import io.msenas.model.genome.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Drives a whole search the way the service will: evaluate every planned candidate, hand the
 * results back, repeat. The fitness is a fake, which is fine here: the engine is pure and takes
 * objective values as input.
 */
final class SearchRun {

  /** The initial plan, then one plan per generation. */
  record Result(GenerationPlan initial, List<GenerationPlan> generations) {
    GenerationPlan last() {
      return generations.get(generations.size() - 1);
    }
  }

  private SearchRun() {}

  /**
   * Runs the search; with a shuffler, the evaluated candidates and the survivors are handed back in
   * a new random order every generation.
   */
  static Result run(
      EvolutionEngine engine, Function<Candidate, EvaluatedCandidate> evaluate, Random shuffler) {
    GenerationPlan initial = engine.initialPopulation();
    List<GenerationPlan> plans = new ArrayList<>();
    List<Candidate> toEvaluate = initial.toEvaluate();
    List<EvaluatedCandidate> survivors = List.of();
    for (int g = 0; g <= engine.settings().lastGeneration(); g++) {
      List<EvaluatedCandidate> evaluated =
          new ArrayList<>(toEvaluate.stream().map(evaluate).toList());
      List<EvaluatedCandidate> handedSurvivors = new ArrayList<>(survivors);
      if (shuffler != null) {
        Collections.shuffle(evaluated, shuffler);
        Collections.shuffle(handedSurvivors, shuffler);
      }
      GenerationPlan plan = engine.advance(g, handedSurvivors, evaluated);
      plans.add(plan);
      survivors = plan.survivors();
      toEvaluate = plan.toEvaluate();
    }
    return new Result(initial, plans);
  }

  /**
   * A fixed function of the canonical genes: a weighted sum, so that every gene that codes matters.
   */
  static double syntheticFitness(SearchSpace space, Candidate c) {
    int[] genes = space.canonical(c.genome()).genes();
    double sum = 0;
    for (int i = 0; i < genes.length; i++) {
      sum += genes[i] * (((i * 37) % 11) + 1);
    }
    return sum;
  }

  /** A cost that rises with the number of coding non-zero genes. */
  static double syntheticCost(SearchSpace space, Candidate c) {
    return (double) Arrays.stream(space.canonical(c.genome()).genes()).filter(v -> v != 0).count();
  }

  static Function<Candidate, EvaluatedCandidate> singleObjective(SearchSpace space) {
    return c -> EvaluatedCandidate.of(c, Objectives.of(syntheticFitness(space, c)));
  }

  static Function<Candidate, EvaluatedCandidate> twoObjectives(SearchSpace space) {
    return c ->
        EvaluatedCandidate.of(
            c, Objectives.of(syntheticFitness(space, c), syntheticCost(space, c)));
  }
}

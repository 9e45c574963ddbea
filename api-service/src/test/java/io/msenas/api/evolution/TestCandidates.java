package io.msenas.api.evolution;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hand-made candidates for the tests; the genome is random from a seed, the generation from the id.
 */
final class TestCandidates {

  private TestCandidates() {}

  static Candidate candidate(SearchSpace space, String id, long genomeSeed) {
    Genome genome = space.randomGenome(new SplittableRandom(genomeSeed));
    int generation = Integer.parseInt(id.substring(1, id.indexOf('-')));
    return new Candidate(id, generation, genome, space.contentHash(genome), List.of());
  }

  static EvaluatedCandidate evaluated(
      SearchSpace space, String id, long genomeSeed, double fitness) {
    return EvaluatedCandidate.of(candidate(space, id, genomeSeed), Objectives.of(fitness));
  }

  static EvaluatedCandidate evaluated(
      SearchSpace space, String id, long genomeSeed, double fitness, double cost) {
    return EvaluatedCandidate.of(candidate(space, id, genomeSeed), Objectives.of(fitness, cost));
  }
}

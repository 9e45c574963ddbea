package io.msenas.api.evolution;

import io.msenas.model.genome.GeneBounds;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Breeds one generation: binary tournaments pick two parents, two-point crossover makes two
 * children, polynomial mutation changes each, and a child whose canonical hash is already known, or
 * whose network cannot classify ({@link SearchSpace#canClassify}), is discarded. Known hashes are
 * those the caller forbids (the engine: every candidate it was handed for the previous generation)
 * plus the children accepted so far. At most {@link #ATTEMPTS_PER_OFFSPRING} {@code * offspring}
 * children are made; if that many do not yield {@code offspring} new ones, the generation has
 * fewer. Immutable; thread-safe.
 */
final class OffspringBreeder {

  /** Children made per wanted offspring before the generation settles for fewer. */
  static final int ATTEMPTS_PER_OFFSPRING = 100;

  private final SearchSpace space;
  private final GeneBounds[] bounds;
  private final TwoPointCrossover crossover;
  private final IntegerPolynomialMutation mutation;
  private final int offspring;

  OffspringBreeder(SearchSpace space, EvolutionSettings settings) {
    this.space = space;
    this.bounds = new GeneBounds[space.genomeLength()];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = space.bounds(i);
    }
    this.crossover = new TwoPointCrossover(settings.crossoverProbability());
    this.mutation =
        new IntegerPolynomialMutation(
            settings.mutationEta(), settings.effectiveMutationRate(space.genomeLength()));
    this.offspring = settings.offspring();
  }

  /**
   * The candidates of {@code generation}, ids {@code g{generation}-0, -1, ...} in the order they
   * were accepted; empty when there are no parents.
   */
  List<Candidate> breed(
      int generation,
      RankAndCrowdingSurvival.Survivors parents,
      Set<String> forbidden,
      RandomGenerator rng) {
    List<Candidate> children = new ArrayList<>(offspring);
    if (parents.size() == 0) {
      return children;
    }
    Set<String> known = new HashSet<>(forbidden);
    int maxAttempts = ATTEMPTS_PER_OFFSPRING * offspring;
    int attempts = 0;
    while (children.size() < offspring && attempts < maxAttempts) {
      int a = TournamentSelection.select(parents.rank(), parents.crowding(), rng);
      int b = TournamentSelection.select(parents.rank(), parents.crowding(), rng);
      Candidate first = parents.members().get(a).candidate();
      Candidate second = parents.members().get(b).candidate();
      int[] x = first.genome().genes();
      int[] y = second.genome().genes();
      // mating a parent with itself cannot change anything: record it as a copy, not a crossover
      TwoPointCrossover.Children mated =
          a == b ? new TwoPointCrossover.Children(x, y, false, 0, 0) : crossover.apply(x, y, rng);
      for (int k = 0;
          k < 2 && children.size() < offspring && attempts < maxAttempts;
          k++, attempts++) {
        Candidate base = k == 0 ? first : second;
        Candidate other = k == 0 ? second : first;
        IntegerPolynomialMutation.Mutated child =
            mutation.apply(k == 0 ? mated.first() : mated.second(), bounds, rng);
        Genome genome = new Genome(space.version(), child.genes());
        if (!space.canClassify(genome)) {
          continue; // the worker would fail it (its attempt still counts)
        }
        String hash = space.contentHash(genome);
        if (known.add(hash)) {
          String id = Candidate.idOf(generation, children.size());
          children.add(
              new Candidate(id, generation, genome, hash, links(base, other, mated, child)));
        }
      }
    }
    return children;
  }

  /**
   * One child for steady-state evolution: two tournaments, crossover, mutation of the first child;
   * tried up to {@link #ATTEMPTS_PER_OFFSPRING} times for a hash not in {@code forbidden}.
   *
   * @return the child with id {@code g{generation}-{index}}, or null when there are no parents or
   *     no new genome turned up
   */
  Candidate breedOne(
      int generation,
      int index,
      RankAndCrowdingSurvival.Survivors parents,
      Set<String> forbidden,
      RandomGenerator rng) {
    if (parents.size() == 0) {
      return null;
    }
    for (int attempt = 0; attempt < ATTEMPTS_PER_OFFSPRING; attempt++) {
      int a = TournamentSelection.select(parents.rank(), parents.crowding(), rng);
      int b = TournamentSelection.select(parents.rank(), parents.crowding(), rng);
      Candidate first = parents.members().get(a).candidate();
      Candidate second = parents.members().get(b).candidate();
      int[] x = first.genome().genes();
      int[] y = second.genome().genes();
      TwoPointCrossover.Children mated =
          a == b ? new TwoPointCrossover.Children(x, y, false, 0, 0) : crossover.apply(x, y, rng);
      IntegerPolynomialMutation.Mutated child = mutation.apply(mated.first(), bounds, rng);
      Genome genome = new Genome(space.version(), child.genes());
      String hash = space.contentHash(genome);
      if (space.canClassify(genome) && !forbidden.contains(hash)) {
        return new Candidate(
            Candidate.idOf(generation, index),
            generation,
            genome,
            hash,
            links(first, second, mated, child));
      }
    }
    return null;
  }

  private static List<ParentLink> links(
      Candidate base,
      Candidate other,
      TwoPointCrossover.Children mated,
      IntegerPolynomialMutation.Mutated mutated) {
    List<ParentLink> links = new ArrayList<>(3);
    if (mated.crossed()) {
      Map<String, Object> points = Map.of("points", List.of(mated.from(), mated.to()));
      links.add(new ParentLink(base.id(), Operator.CROSSOVER, points));
      links.add(new ParentLink(other.id(), Operator.CROSSOVER, points));
    } else {
      links.add(new ParentLink(base.id(), Operator.COPY, Map.of()));
    }
    if (mutated.changed()) {
      links.add(
          new ParentLink(
              base.id(),
              Operator.MUTATION,
              Map.of(
                  "loci",
                  list(mutated.loci()),
                  "from",
                  list(mutated.from()),
                  "to",
                  list(mutated.to()))));
    }
    return links;
  }

  private static List<Integer> list(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}

package io.msenas.api.evolution;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * NSGA-II over the genomes of one search space (docs/algorithm.md section 4), one generation per
 * call.
 *
 * <p><b>Protocol.</b> {@link #initialPopulation()} gives generation 0's candidates. Once they are
 * all evaluated, {@code advance(0, List.of(), evaluated0)} returns the survivors of generation 0
 * and the candidates of generation 1; once those are evaluated, {@code advance(1, survivors0,
 * evaluated1)} returns the survivors of 1 and the candidates of 2; and so on. {@code advance(g,
 * ...)} for the last generation ({@link EvolutionSettings#lastGeneration()}) returns no candidates;
 * its survivors go to {@link #winner} and {@link #paretoFront}. Pass every planned candidate back,
 * marking the ones whose evaluation gave up as failed ({@link EvaluatedCandidate#failure}): failed
 * candidates never survive, but their hashes still count as known for duplicate elimination.
 *
 * <p><b>Determinism.</b> The engine is stateless and does no I/O, reads no clock and starts no
 * thread. Every draw of generation g comes from a generator derived from (seed, g) only, and inputs
 * are sorted by id before use, so the same seed gives the same candidates, ids, lineage and winner,
 * whatever the order of the lists and however often a generation is recomputed (e.g. after a
 * crash). Ids are {@code "g{generation}-{index}"}.
 *
 * <p><b>Networks that cannot classify.</b> A genome whose zero cells cut the input off from the
 * head ({@link SearchSpace#canClassify}) is never a candidate: generation 0 draws another, breeding
 * discards the child like a duplicate. The worker would fail it, and its evaluation would be
 * wasted.
 *
 * <p><b>Duplicates.</b> Candidates are compared by canonical hash ({@link
 * SearchSpace#contentHash}). Generation 0 holds no two equal hashes. A child of generation g + 1 is
 * discarded and another one bred when its hash equals that of any candidate handed to {@code
 * advance(g, ...)} (the survivors of g - 1 and all evaluated candidates of g, the failed and the
 * non-surviving included) or of a child accepted earlier in the same generation. Candidates of
 * older generations are not checked: the engine keeps no history, and a genome seen earlier costs
 * no new evaluation thanks to the fitness cache. After 100 times the wanted count of attempts (for
 * generation 0: random genomes; later: children) the generation goes ahead with fewer candidates,
 * possibly none; small search spaces run out of new networks. If every candidate so far failed, a
 * plan has no survivors and nothing to evaluate: the job cannot go on.
 *
 * <p>Immutable and thread-safe.
 */
public final class EvolutionEngine {

  private final SearchSpace space;
  private final EvolutionSettings settings;
  private final OffspringBreeder breeder;

  /**
   * An engine for one search.
   *
   * @param space the search space, never {@code null}
   * @param settings the settings, never {@code null}
   */
  public EvolutionEngine(SearchSpace space, EvolutionSettings settings) {
    this.space = Objects.requireNonNull(space, "space");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.breeder = new OffspringBreeder(space, settings);
  }

  /**
   * The search space.
   *
   * @return the space this engine breeds genomes of
   */
  public SearchSpace space() {
    return space;
  }

  /**
   * The settings.
   *
   * @return the settings this engine runs with
   */
  public EvolutionSettings settings() {
    return settings;
  }

  /**
   * Generation 0: {@code population} random genomes that can classify ({@link
   * SearchSpace#canClassify}) with distinct canonical hashes (fewer only if {@code 100 * population
   * / share} draws do not find that many, where share is the part of the space's draws that can
   * classify, at least 1%), ids {@code g0-0 ...}, no parents.
   *
   * @return generation 0, no survivors, the candidates to evaluate, undefined statistics
   */
  public GenerationPlan initialPopulation() {
    RandomGenerator rng = RandomStreams.forGeneration(settings.seed(), 0);
    Set<String> known = new HashSet<>();
    List<Candidate> candidates = new ArrayList<>(settings.population());
    // draws that cannot classify are discarded, so draw as much more often as they are common
    int maxAttempts =
        (int)
            Math.ceil(
                OffspringBreeder.ATTEMPTS_PER_OFFSPRING
                    * settings.population()
                    / Math.max(space.shareThatCanClassify(), 0.01));
    for (int attempt = 0;
        attempt < maxAttempts && candidates.size() < settings.population();
        attempt++) {
      Genome genome = space.randomGenome(rng);
      if (!space.canClassify(genome)) {
        continue; // the worker would fail it: not worth an evaluation
      }
      String hash = space.contentHash(genome);
      if (known.add(hash)) {
        candidates.add(
            new Candidate(Candidate.idOf(0, candidates.size()), 0, genome, hash, List.of()));
      }
    }
    return new GenerationPlan(0, List.of(), candidates, GenerationStatistics.undefined());
  }

  /**
   * Completes generation {@code generation} and plans the next: survival over the survivors of the
   * previous generation and the evaluated candidates of this one, then breeding of the next
   * generation's candidates from the survivors (none after the last generation).
   *
   * @param generation the generation just evaluated, in {@code [0, lastGeneration]}
   * @param survivors the survivors of {@code generation - 1} as returned by the previous call
   *     (empty for generation 0), in any order, never {@code null}
   * @param evaluated the evaluated candidates of {@code generation} (the initial population for 0),
   *     failed ones included, in any order, never {@code null}
   * @return the survivors of {@code generation} with their statistics and the candidates of {@code
   *     generation + 1}
   * @throws IllegalArgumentException if the generation is out of range, a survivor is not older
   *     than {@code generation} or failed, an evaluated candidate is of another generation, ids
   *     repeat, the objective count differs from the settings, or a canonical hash does not match
   *     its genome
   */
  public GenerationPlan advance(
      int generation, List<EvaluatedCandidate> survivors, List<EvaluatedCandidate> evaluated) {
    AdvanceInputs.check(space, settings, generation, survivors, evaluated);
    List<EvaluatedCandidate> pool = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (List<EvaluatedCandidate> list : List.of(survivors, evaluated)) {
      for (EvaluatedCandidate c : list) {
        known.add(c.candidate().canonicalHash());
        if (!c.failed()) {
          pool.add(c);
        }
      }
    }
    RankAndCrowdingSurvival.Survivors next =
        RankAndCrowdingSurvival.select(pool, settings.population());
    List<Candidate> toEvaluate =
        generation == settings.lastGeneration()
            ? List.of()
            : breeder.breed(
                generation + 1,
                next,
                known,
                RandomStreams.forGeneration(settings.seed(), generation + 1));
    return new GenerationPlan(
        generation, next.members(), toEvaluate, SurvivorStatistics.of(space, next.members()));
  }

  /**
   * Children steady-state evolution breeds after generation 0: as many as the generational search
   * evaluates, {@code (generations - 1) * offspring}.
   */
  public int steadyStateBirths() {
    return settings.lastGeneration() * settings.offspring();
  }

  /**
   * The generation a steady-state birth is counted in, for ids and reports: births {@code 0 ..
   * offspring - 1} are generation 1 (bred at once, as {@link #advance} breeds generation 1), the
   * next {@code offspring} generation 2, and so on. No generation waits for another.
   */
  public int birthGeneration(int birth) {
    return 1 + birth / settings.offspring();
  }

  /** Best, mean, median fitness and diversity of a population (failed members ignored). */
  public GenerationStatistics statistics(List<EvaluatedCandidate> population) {
    return SurvivorStatistics.of(space, population);
  }

  /** What one steady-state step decided. */
  public record SteadyStateStep(List<EvaluatedCandidate> population, Candidate child) {}

  /**
   * One step of steady-state evolution (no generation barrier): an evaluated child joins the
   * population, which keeps its best {@code population} by rank and crowding; then, while births
   * remain, one new child is bred from it to take the arrival's place among the evaluations in
   * flight. Birth {@code b}'s draws come from a stream of (seed, b) alone, so the run is
   * reproducible when the results arrive in the same order (one worker); with several, the arrival
   * order, and so the search, varies from run to run.
   *
   * @param birth the index of the child to breed ({@code >= offspring}: the first {@code offspring}
   *     come from {@code advance(0, ...)})
   * @param population the current population, never {@code null}
   * @param arrived the child just evaluated (failed ones join nothing), or null to only breed
   * @param known canonical hashes the new child must avoid (every genome of the search so far)
   * @return the new population, and the child to evaluate: null when births are spent or no new
   *     genome turned up
   */
  public SteadyStateStep steadyStateStep(
      int birth,
      List<EvaluatedCandidate> population,
      EvaluatedCandidate arrived,
      Set<String> known) {
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(known, "known");
    List<EvaluatedCandidate> pool = new ArrayList<>();
    for (EvaluatedCandidate c : population) {
      if (!c.failed()) {
        pool.add(c);
      }
    }
    if (arrived != null && !arrived.failed()) {
      if (arrived.objectives().count() != settings.objectives()) {
        throw new IllegalArgumentException(
            "candidate "
                + arrived.id()
                + " must have "
                + settings.objectives()
                + " objective(s), was "
                + arrived.objectives().count());
      }
      pool.add(arrived);
    }
    RankAndCrowdingSurvival.Survivors next =
        RankAndCrowdingSurvival.select(pool, settings.population());
    Candidate child = null;
    if (birth < steadyStateBirths()) {
      child =
          breeder.breedOne(
              birthGeneration(birth),
              birth % settings.offspring(),
              next,
              known,
              RandomStreams.forBirth(settings.seed(), birth));
    }
    return new SteadyStateStep(next.members(), child);
  }

  /**
   * The best candidate: largest fitness; among equal fitness the first by id order ({@code g2-3}
   * before {@code g2-10} before {@code g3-0}). Failed candidates are ignored.
   *
   * @param finalSurvivors the last generation's survivors, never {@code null}
   * @return the winner
   * @throws IllegalArgumentException if no candidate there succeeded, or one has the wrong number
   *     of objectives
   */
  public EvaluatedCandidate winner(List<EvaluatedCandidate> finalSurvivors) {
    return succeeded(finalSurvivors).stream()
        .min(
            Comparator.comparingDouble((EvaluatedCandidate c) -> -c.objectives().fitness())
                .thenComparing(EvaluatedCandidate::candidate, Candidate.ID_ORDER))
        .orElseThrow();
  }

  /**
   * The first non-dominated front (fitness maximised, cost minimised); with one objective, every
   * candidate of the best fitness. Failed candidates are ignored.
   *
   * @param finalSurvivors the last generation's survivors, never {@code null}
   * @return the front, by fitness descending, then id order
   * @throws IllegalArgumentException if no candidate there succeeded, or one has the wrong number
   *     of objectives
   */
  public List<EvaluatedCandidate> paretoFront(List<EvaluatedCandidate> finalSurvivors) {
    List<EvaluatedCandidate> ok = succeeded(finalSurvivors);
    ok.sort(Comparator.comparing(EvaluatedCandidate::candidate, Candidate.ID_ORDER));
    double[][] points = RankAndCrowdingSurvival.minimisedObjectives(ok);
    List<EvaluatedCandidate> front = new ArrayList<>();
    for (int i : NonDominatedSorting.fronts(points).get(0)) {
      front.add(ok.get(i));
    }
    front.sort(
        Comparator.comparingDouble((EvaluatedCandidate c) -> -c.objectives().fitness())
            .thenComparing(EvaluatedCandidate::candidate, Candidate.ID_ORDER));
    return List.copyOf(front);
  }

  private List<EvaluatedCandidate> succeeded(List<EvaluatedCandidate> candidates) {
    Objects.requireNonNull(candidates, "finalSurvivors");
    List<EvaluatedCandidate> ok = new ArrayList<>();
    for (EvaluatedCandidate c : candidates) {
      if (Objects.requireNonNull(c, "final survivor").failed()) {
        continue;
      }
      if (c.objectives().count() != settings.objectives()) {
        throw new IllegalArgumentException(
            "candidate "
                + c.id()
                + " must have "
                + settings.objectives()
                + " objective(s), was "
                + c.objectives().count());
      }
      ok.add(c);
    }
    if (ok.isEmpty()) {
      throw new IllegalArgumentException(
          "finalSurvivors must hold a candidate that did not fail, was "
              + candidates.size()
              + " candidates, all failed or none");
    }
    return ok;
  }
}

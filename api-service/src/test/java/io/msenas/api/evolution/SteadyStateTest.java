package io.msenas.api.evolution;

import static io.msenas.api.evolution.TestCandidates.candidate;
import static io.msenas.api.evolution.TestCandidates.evaluated;
import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Steady-state evolution's step: survival of one arrival, one child in its place. */
class SteadyStateTest {

  private final SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);
  private final EvolutionSettings settings =
      EvolutionSettings.defaults().withPopulation(4).withOffspring(3).withGenerations(3);
  private final EvolutionEngine engine = new EvolutionEngine(space, settings);

  private List<EvaluatedCandidate> population() {
    return List.of(
        evaluated(space, "g0-0", 1, 10),
        evaluated(space, "g0-1", 2, 20),
        evaluated(space, "g0-2", 3, 30),
        evaluated(space, "g0-3", 4, 40));
  }

  private Set<String> known(List<EvaluatedCandidate> candidates) {
    Set<String> known = new HashSet<>();
    candidates.forEach(c -> known.add(c.candidate().canonicalHash()));
    return known;
  }

  private static List<String> ids(List<EvaluatedCandidate> candidates) {
    return candidates.stream().map(EvaluatedCandidate::id).sorted().toList();
  }

  @Test
  void theBudgetIsTheGenerationalOnesAndBirthsCountInGenerationsOfOffspring() {
    // (generations - 1) x offspring children after generation 0, as the generational search
    assertThat(engine.steadyStateBirths()).isEqualTo(6);
    assertThat(engine.birthGeneration(0)).isEqualTo(1);
    assertThat(engine.birthGeneration(2)).isEqualTo(1);
    assertThat(engine.birthGeneration(3)).isEqualTo(2);
    assertThat(engine.birthGeneration(5)).isEqualTo(2);
  }

  @Test
  void aBetterArrivalReplacesTheWorstAndAWorseOneIsDropped() {
    EvaluatedCandidate good = evaluated(space, "g1-0", 5, 25);
    EvolutionEngine.SteadyStateStep step =
        engine.steadyStateStep(3, population(), good, known(population()));
    assertThat(ids(step.population())).containsExactly("g0-1", "g0-2", "g0-3", "g1-0");

    EvaluatedCandidate poor = evaluated(space, "g1-1", 6, 5);
    step = engine.steadyStateStep(3, population(), poor, known(population()));
    assertThat(ids(step.population())).containsExactly("g0-0", "g0-1", "g0-2", "g0-3");

    // a failed arrival joins nothing, and its place is still filled with a new child
    EvaluatedCandidate failed = EvaluatedCandidate.failure(candidate(space, "g1-2", 7));
    step = engine.steadyStateStep(3, population(), failed, known(population()));
    assertThat(ids(step.population())).containsExactly("g0-0", "g0-1", "g0-2", "g0-3");
    assertThat(step.child()).isNotNull();
  }

  @Test
  void theChildIsNewNamedByItsBirthBredFromThePopulationAndRepeatsUnderTheSeed() {
    List<EvaluatedCandidate> population = population();
    Set<String> known = known(population);
    EvolutionEngine.SteadyStateStep step = engine.steadyStateStep(4, population, null, known);
    Candidate child = step.child();
    assertThat(child.id()).isEqualTo("g2-1");
    assertThat(child.generation()).isEqualTo(2);
    assertThat(known).doesNotContain(child.canonicalHash());
    assertThat(child.canonicalHash()).isEqualTo(space.contentHash(child.genome()));
    space.validate(child.genome());
    Function<ParentLink, String> parent = ParentLink::parentId;
    assertThat(child.parents()).isNotEmpty();
    assertThat(child.parents()).extracting(parent).allMatch(ids(population)::contains);

    Candidate again = engine.steadyStateStep(4, population, null, known).child();
    assertThat(again.genome().genes()).isEqualTo(child.genome().genes());
    Candidate otherBirth = engine.steadyStateStep(5, population, null, known).child();
    assertThat(otherBirth.id()).isEqualTo("g2-2");
  }

  @Test
  void noChildOnceTheBirthsAreSpent() {
    EvolutionEngine.SteadyStateStep step =
        engine.steadyStateStep(6, population(), evaluated(space, "g2-2", 9, 50), Set.of());
    assertThat(step.child()).isNull();
    assertThat(ids(step.population())).containsExactly("g0-1", "g0-2", "g0-3", "g2-2");
  }
}

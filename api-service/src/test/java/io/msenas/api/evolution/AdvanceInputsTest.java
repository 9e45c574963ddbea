package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvanceInputsTest {

  private final SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);
  private final EvolutionEngine engine =
      new EvolutionEngine(
          space,
          EvolutionSettings.defaults().withPopulation(2).withOffspring(2).withGenerations(3));
  private final EvaluatedCandidate g0 = TestCandidates.evaluated(space, "g0-0", 1, 1.0);
  private final EvaluatedCandidate g1 = TestCandidates.evaluated(space, "g1-0", 2, 1.0);

  @Test
  void rejectsAGenerationOutOfRange() {
    assertThatThrownBy(() -> engine.advance(3, List.of(), List.of()))
        .hasMessage("generation must be in [0, 2], was 3");
    assertThatThrownBy(() -> engine.advance(-1, List.of(), List.of()))
        .hasMessage("generation must be in [0, 2], was -1");
  }

  @Test
  void rejectsSurvivorsForGenerationZeroAndTooManySurvivors() {
    assertThatThrownBy(() -> engine.advance(0, List.of(g0), List.of()))
        .hasMessage("survivors must be empty for generation 0, was 1 candidates");
    List<EvaluatedCandidate> three =
        List.of(
            g0,
            TestCandidates.evaluated(space, "g0-1", 3, 1.0),
            TestCandidates.evaluated(space, "g0-2", 4, 1.0));
    assertThatThrownBy(() -> engine.advance(1, three, List.of()))
        .hasMessage("survivors must number at most the population 2, was 3");
  }

  @Test
  void rejectsCandidatesOfTheWrongGeneration() {
    assertThatThrownBy(() -> engine.advance(1, List.of(g1), List.of()))
        .hasMessage("survivor g1-0 must be born before generation 1, was born in 1");
    assertThatThrownBy(() -> engine.advance(1, List.of(), List.of(g0)))
        .hasMessage("evaluated candidate g0-0 must be born in generation 1, was born in 0");
  }

  @Test
  void rejectsFailedSurvivorsRepeatedIdsWrongObjectivesAndWrongHashes() {
    assertThatThrownBy(
            () -> engine.advance(1, List.of(EvaluatedCandidate.failure(g0.candidate())), List.of()))
        .hasMessage("survivor g0-0 failed; failed candidates never survive");
    assertThatThrownBy(() -> engine.advance(0, List.of(), List.of(g0, g0)))
        .hasMessage("candidate ids must be distinct, was g0-0 twice");
    EvaluatedCandidate twoObjectives =
        EvaluatedCandidate.of(g0.candidate(), Objectives.of(1.0, 2.0));
    assertThatThrownBy(() -> engine.advance(0, List.of(), List.of(twoObjectives)))
        .hasMessage("candidate g0-0 must have 1 objective(s), was 2");
    Candidate c = g0.candidate();
    Candidate wrongHash = new Candidate(c.id(), 0, c.genome(), "abc", List.of());
    assertThatThrownBy(
            () ->
                engine.advance(
                    0, List.of(), List.of(EvaluatedCandidate.of(wrongHash, Objectives.of(1)))))
        .hasMessage(
            "candidate g0-0 canonicalHash must be the genome's content hash "
                + c.canonicalHash()
                + ", was abc");
  }
}

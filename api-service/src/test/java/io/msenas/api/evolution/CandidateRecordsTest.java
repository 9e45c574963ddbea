package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateRecordsTest {

  private final SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);

  @Test
  void idOrderIsNumericForEngineIds() {
    List<Candidate> list =
        new ArrayList<>(
            List.of(
                TestCandidates.candidate(space, "g2-0", 1),
                TestCandidates.candidate(space, "g1-10", 2),
                TestCandidates.candidate(space, "g1-2", 3)));
    list.sort(Candidate.ID_ORDER);
    assertThat(list).extracting(Candidate::id).containsExactly("g1-2", "g1-10", "g2-0");
    assertThat(Candidate.idOf(3, 17)).isEqualTo("g3-17");
  }

  @Test
  void originSummarisesTheLinks() {
    Candidate initial = TestCandidates.candidate(space, "g0-0", 1);
    assertThat(initial.origin()).isEqualTo(Operator.INITIAL);
    ParentLink copy = new ParentLink("g0-0", Operator.COPY, Map.of());
    ParentLink mutation = new ParentLink("g0-0", Operator.MUTATION, Map.of("loci", List.of(3)));
    ParentLink crossover =
        new ParentLink("g0-1", Operator.CROSSOVER, Map.of("points", List.of(1, 5)));
    assertThat(withLinks(initial, List.of(copy)).origin()).isEqualTo(Operator.COPY);
    assertThat(withLinks(initial, List.of(copy, mutation)).origin()).isEqualTo(Operator.MUTATION);
    assertThat(withLinks(initial, List.of(crossover, crossover, mutation)).origin())
        .isEqualTo(Operator.CROSSOVER);
  }

  @Test
  void linksAndListsAreCopied() {
    Map<String, Object> details = new HashMap<>(Map.of("points", List.of(1, 2)));
    ParentLink link = new ParentLink("g0-0", Operator.CROSSOVER, details);
    details.clear();
    assertThat(link.details()).containsKey("points");
    List<ParentLink> links = new ArrayList<>(List.of(link));
    Candidate c = withLinks(TestCandidates.candidate(space, "g1-0", 1), links);
    links.clear();
    assertThat(c.parents()).hasSize(1);
  }

  @Test
  void detailsIterateInKeyOrderWhateverTheMapGiven() {
    ParentLink link =
        new ParentLink(
            "g0-0",
            Operator.MUTATION,
            Map.of("to", List.of(1), "loci", List.of(4), "from", List.of(0)));
    assertThat(link.details().keySet()).containsExactly("from", "loci", "to");
    assertThatThrownBy(() -> link.details().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> new ParentLink("g0-0", Operator.INITIAL, Map.of()))
        .hasMessage(
            "operator must not be INITIAL (a generation-0 candidate has no parent links), was INITIAL");
    assertThatThrownBy(() -> new ParentLink(" ", Operator.COPY, Map.of()))
        .hasMessage("parentId must not be blank, was ' '");
    Candidate c = TestCandidates.candidate(space, "g0-0", 1);
    assertThatThrownBy(() -> new Candidate("x", -1, c.genome(), c.canonicalHash(), List.of()))
        .hasMessage("candidate x generation must be >= 0, was -1");
    assertThatThrownBy(() -> new EvaluatedCandidate(c, null, false))
        .hasMessage("candidate g0-0 objectives must be present unless it failed, was null");
    assertThatThrownBy(() -> Objectives.of(Double.NaN))
        .hasMessage("fitness must be finite, was NaN");
    assertThatThrownBy(() -> Objectives.of(1.0, Double.POSITIVE_INFINITY))
        .hasMessage("cost must be finite or absent, was Infinity");
    assertThat(EvaluatedCandidate.failure(c).failed()).isTrue();
    assertThat(Objectives.of(1.0).count()).isEqualTo(1);
    assertThat(Objectives.of(1.0, 2.0).count()).isEqualTo(2);
  }

  private static Candidate withLinks(Candidate c, List<ParentLink> links) {
    return new Candidate(c.id(), c.generation(), c.genome(), c.canonicalHash(), links);
  }
}

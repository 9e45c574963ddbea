package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankAndCrowdingSurvivalTest {

  private final SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);

  // (fitness, cost) = (-f1, f2) of NonDominatedSortingTest's points A B C | D F | E
  private final List<EvaluatedCandidate> pool =
      List.of(
          TestCandidates.evaluated(space, "g0-0", 0, -1, 5),
              TestCandidates.evaluated(space, "g0-1", 1, -2, 3),
          TestCandidates.evaluated(space, "g0-2", 2, -4, 1),
              TestCandidates.evaluated(space, "g0-3", 3, -3, 4),
          TestCandidates.evaluated(space, "g0-4", 4, -5, 5),
              TestCandidates.evaluated(space, "g0-5", 5, -2, 6));

  @Test
  void fillsByFrontsAndTruncatesTheLastFrontWithTiesById() {
    RankAndCrowdingSurvival.Survivors s = RankAndCrowdingSurvival.select(pool, 4);
    // front 0: A and C (infinite) before B (2.0); front 1: D and F both infinite, D has the lower
    // id
    assertThat(ids(s.members())).containsExactly("g0-0", "g0-2", "g0-1", "g0-3");
    assertThat(s.rank()).containsExactly(0, 0, 0, 1);
    assertThat(s.crowding())
        .containsExactly(
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 2.0, Double.POSITIVE_INFINITY);
  }

  @Test
  void truncatesByCrowdingDistanceLargestFirst() {
    List<EvaluatedCandidate> front =
        List.of(
            TestCandidates.evaluated(space, "g1-0", 10, 0, 10),
                TestCandidates.evaluated(space, "g1-1", 11, -1, 7),
            TestCandidates.evaluated(space, "g1-2", 12, -4, 4),
                TestCandidates.evaluated(space, "g1-3", 13, -10, 0));
    // crowding: ends infinite, g1-2 1.6, g1-1 1.0
    assertThat(ids(RankAndCrowdingSurvival.select(front, 3).members()))
        .containsExactly("g1-0", "g1-3", "g1-2");
  }

  @Test
  void theResultDoesNotDependOnThePoolOrder() {
    RankAndCrowdingSurvival.Survivors expected = RankAndCrowdingSurvival.select(pool, 4);
    Random shuffler = new Random(31);
    for (int t = 0; t < 20; t++) {
      List<EvaluatedCandidate> shuffled = new ArrayList<>(pool);
      Collections.shuffle(shuffled, shuffler);
      RankAndCrowdingSurvival.Survivors s = RankAndCrowdingSurvival.select(shuffled, 4);
      assertThat(s.members()).isEqualTo(expected.members());
      assertThat(s.rank()).containsExactly(expected.rank());
      assertThat(s.crowding()).containsExactly(expected.crowding());
    }
  }

  @Test
  void aSmallPoolSurvivesWhole() {
    assertThat(RankAndCrowdingSurvival.select(pool, 50).members()).hasSize(6);
  }

  @Test
  void singleObjectiveKeepsTheFittestWithTiesById() {
    List<EvaluatedCandidate> single =
        List.of(
            TestCandidates.evaluated(space, "g0-0", 0, 1.0),
            TestCandidates.evaluated(space, "g0-1", 1, 3.0),
            TestCandidates.evaluated(space, "g0-2", 2, 2.0),
            TestCandidates.evaluated(space, "g0-3", 3, 3.0),
            TestCandidates.evaluated(space, "g0-10", 4, 2.0));
    assertThat(ids(RankAndCrowdingSurvival.select(single, 3).members()))
        .containsExactly("g0-1", "g0-3", "g0-2");
  }

  private static List<String> ids(List<EvaluatedCandidate> candidates) {
    return candidates.stream().map(c -> c.candidate().id()).toList();
  }
}

package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurvivorStatisticsTest {

  private final SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);

  @Test
  void diversityIsTheMeanPairwiseShareOfDifferingGenes() {
    int[][] genomes = {{0, 0, 0, 0}, {1, 1, 0, 0}, {1, 0, 0, 0}};
    // pairs differ in 2, 1 and 1 genes of 4
    assertThat(SurvivorStatistics.diversity(genomes)).isCloseTo(4.0 / (3 * 4), within(1e-12));
    assertThat(SurvivorStatistics.diversity(new int[][] {{1, 2}})).isZero();
  }

  @Test
  void fitnessStatisticsOverTheSurvivors() {
    List<EvaluatedCandidate> survivors =
        List.of(
            TestCandidates.evaluated(space, "g0-0", 0, 1.0),
                TestCandidates.evaluated(space, "g0-1", 1, 4.0),
            TestCandidates.evaluated(space, "g0-2", 2, 2.0),
                TestCandidates.evaluated(space, "g0-3", 3, 3.0));
    GenerationStatistics s = SurvivorStatistics.of(space, survivors);
    assertThat(s.best()).isEqualTo(4.0);
    assertThat(s.mean()).isCloseTo(2.5, within(1e-12));
    assertThat(s.median()).isCloseTo(2.5, within(1e-12));
    assertThat(s.diversity()).isBetween(0.0, 1.0);
  }

  @Test
  void noSurvivorsGiveUndefinedStatistics() {
    GenerationStatistics s = SurvivorStatistics.of(space, List.of());
    assertThat(s.best()).isNaN();
    assertThat(s.mean()).isNaN();
    assertThat(s.median()).isNaN();
    assertThat(s.diversity()).isNaN();
  }
}

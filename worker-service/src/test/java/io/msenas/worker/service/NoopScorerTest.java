package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.Genome;
import io.msenas.model.message.EvaluationOutcome;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.Rdm;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoopScorerTest {

  private final NoopScorer scorer = new NoopScorer("host-1");

  @Test
  void answersASucceededResultForTheTaskWithoutSimulating() {
    EvaluationTask task = Tasks.smoke(1, 7);

    EvaluationResult result = scorer.score(task);

    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.SUCCEEDED);
    assertThat(result.taskId()).isEqualTo(task.taskId());
    assertThat(result.individualId()).isEqualTo(task.individualId());
    assertThat(result.canonicalHash()).isEqualTo(Tasks.SPACE.contentHash(task.genome()));
    assertThat(result.score()).isBetween(0.0, 1.0).isNotEqualTo(1.0);
    assertThat(result.widthNormalisedScore()).isNull();
    assertThat(result.rdm()).isEqualTo(new Rdm(1, List.of(0.0)));
    assertThat(result.spikeRates()).isEmpty();
    assertThat(result.parameterCount()).isZero();
    assertThat(result.provenance().nd4jBackend()).isEqualTo(NoopScorer.BACKEND);
    assertThat(result.provenance().seed()).isEqualTo(7);
    assertThat(result.provenance().host()).isEqualTo("host-1");
  }

  @Test
  void theScoreIsAFunctionOfTheCanonicalHashAlone() {
    EvaluationTask task = Tasks.smoke(1, 7);
    // the same network under other ids and another fitness seed
    EvaluationTask same = Tasks.task(task.genome(), Tasks.smoke(2, 99).fitness());

    double score = scorer.score(task).score();

    assertThat(scorer.score(same).score()).isEqualTo(score);
    assertThat(scorer.score(Tasks.again(task)).score()).isEqualTo(score);
    assertThat(score).isEqualTo(NoopScorer.scoreOf(Tasks.SPACE.contentHash(task.genome())));
  }

  @Test
  void genomesThatDifferOnlyInNonCodingGenesScoreAlike() {
    EvaluationTask task = Tasks.smoke(3, 7);
    Genome canonical = Tasks.SPACE.canonical(task.genome());
    EvaluationTask canonicalTask = Tasks.task(canonical, task.fitness());

    assertThat(scorer.score(canonicalTask).score()).isEqualTo(scorer.score(task).score());
  }

  @Test
  void differentNetworksScoreDifferently() {
    EvaluationTask a = Tasks.smoke(1, 7);
    EvaluationTask b = Tasks.smoke(2, 7);
    assertThat(Tasks.SPACE.contentHash(a.genome()))
        .isNotEqualTo(Tasks.SPACE.contentHash(b.genome()));

    assertThat(scorer.score(a).score()).isNotEqualTo(scorer.score(b).score());
  }

  @Test
  void scoreOfMapsTheHashPrefixIntoTheUnitInterval() {
    String zeros = "0".repeat(64);
    String ones = "f".repeat(64);

    assertThat(NoopScorer.scoreOf(zeros)).isEqualTo(0.0);
    assertThat(NoopScorer.scoreOf(ones)).isLessThan(1.0).isGreaterThan(0.999_999);
    assertThat(NoopScorer.scoreOf("8" + "0".repeat(63))).isEqualTo(0.5);
  }

  @Test
  void anOutOfBoundsGeneFailsWithoutRetryNamingTheGene() {
    EvaluationTask task = Tasks.withGene(Tasks.smoke(1, 7), 0, 9);

    EvaluationResult result = scorer.score(task);

    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.FAILED);
    assertThat(result.taskId()).isEqualTo(task.taskId());
    assertThat(result.failure().retryable()).isFalse();
    assertThat(result.failure().message()).contains("gene 0").contains("= 9");
  }
}

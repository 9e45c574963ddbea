package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msenas.model.message.EvaluationOutcome;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.message.LayerSpikeRate;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.Rdm;
import io.msenas.model.message.Timings;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskEvaluationTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final WorkerMetrics metrics =
      new WorkerMetrics(registry, "linux-x86_64-onednn", "CpuBackend", FitnessMode.RDM);
  private final AtomicInteger scored = new AtomicInteger();

  /** A stand-in for the engine: a fixed score per hash, one layer at rate 0.25, counted calls. */
  private final TaskScorer fake =
      task -> {
        scored.incrementAndGet();
        String hash = task.searchSpace().contentHash(task.genome());
        return EvaluationResult.succeeded(
                task.taskId(),
                task.individualId(),
                hash,
                NoopScorer.scoreOf(hash) * 100,
                1.0,
                List.of(new LayerSpikeRate("stem", 2, 1000, 0.25)),
                42,
                new Timings(1, 2, 3, 6),
                new Provenance("test", task.fitness().seed(), "CpuBackend", null, null, "host"),
                new Rdm(1, List.of(0.0)))
            .withSynapticOperations(1234.5);
      };

  private final TaskEvaluation evaluation =
      new TaskEvaluation(fake, new FitnessCache(8), metrics, Tasks.RUNTIME);

  @Test
  void theSameNetworkAndConfigIsAnsweredFromTheCacheUnderTheNewTasksIds() {
    EvaluationTask first = Tasks.smoke(1, 7);
    EvaluationTask second = Tasks.again(first);

    TaskEvaluation.Answer a = evaluation.answer(first);
    TaskEvaluation.Answer b = evaluation.answer(second);

    assertThat(scored).hasValue(1);
    assertThat(a.cacheHit()).isFalse();
    assertThat(b.cacheHit()).isTrue();
    assertThat(b.result().taskId()).isEqualTo(second.taskId());
    assertThat(b.result().individualId()).isEqualTo(second.individualId());
    assertThat(b.result().score()).isEqualTo(a.result().score());
    assertThat(b.result().rdm()).isEqualTo(a.result().rdm());
    assertThat(b.result().provenance()).isEqualTo(a.result().provenance());
    assertThat(b.result().synapticOperations()).isEqualTo(1234.5);
    assertThat(registry.get(WorkerMetrics.CACHE_HITS).counter().count()).isEqualTo(1);
    assertThat(duration("succeeded")).isEqualTo(1);
  }

  @Test
  void anotherFitnessConfigIsACacheMiss() {
    EvaluationTask first = Tasks.smoke(1, 7);
    EvaluationTask otherSeed = Tasks.task(first.genome(), Tasks.smoke(1, 8).fitness());

    evaluation.answer(first);
    TaskEvaluation.Answer answer = evaluation.answer(otherSeed);

    assertThat(answer.cacheHit()).isFalse();
    assertThat(scored).hasValue(2);
    assertThat(registry.get(WorkerMetrics.CACHE_HITS).counter().count()).isZero();
  }

  @Test
  void twoFitnessFunctionsNeverShareACacheEntry() {
    EvaluationTask first = Tasks.smoke(1, 7);
    FitnessConfig hamming = first.fitness();

    for (String other : List.of("rdm-pearson", "sahd-logdet", "rsa-labels")) {
      FitnessConfig config =
          new FitnessConfig(
              other,
              1,
              hamming.dataset(),
              hamming.channels(),
              hamming.timeSteps(),
              hamming.batchSize(),
              hamming.batches(),
              hamming.seed(),
              hamming.tau(),
              hamming.threshold());
      evaluation.answer(first);
      TaskEvaluation.Answer answer = evaluation.answer(Tasks.task(first.genome(), config));

      assertThat(answer.cacheHit()).as(other).isFalse();
    }
    assertThat(scored).as("rdm-hamming once, each other function once").hasValue(4);
  }

  @Test
  void aThrowingScorerBecomesARetryableFailureForTheTask() {
    TaskEvaluation failing =
        new TaskEvaluation(
            task -> {
              throw new OutOfMemoryError("off-heap memory exhausted");
            },
            new FitnessCache(8),
            metrics,
            Tasks.RUNTIME);
    EvaluationTask task = Tasks.smoke(1, 7);

    EvaluationResult result = failing.answer(task).result();

    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.FAILED);
    assertThat(result.taskId()).isEqualTo(task.taskId());
    assertThat(result.individualId()).isEqualTo(task.individualId());
    assertThat(result.failure().type()).isEqualTo("OutOfMemoryError");
    assertThat(result.failure().retryable()).isTrue();
    assertThat(result.provenance().seed()).isEqualTo(7);
    assertThat(result.provenance().nativeVariant()).isEqualTo("linux-x86_64-onednn");
    assertThat(duration("failed")).isEqualTo(1);
  }

  @Test
  void failuresAreNotCachedSoARetryEvaluatesAgain() {
    AtomicInteger calls = new AtomicInteger();
    TaskEvaluation flaky =
        new TaskEvaluation(
            task -> {
              calls.incrementAndGet();
              throw new IllegalStateException("device lost");
            },
            new FitnessCache(8),
            metrics,
            Tasks.RUNTIME);
    EvaluationTask task = Tasks.smoke(1, 7);

    flaky.answer(task);
    TaskEvaluation.Answer again = flaky.answer(Tasks.again(task));

    assertThat(calls).hasValue(2);
    assertThat(again.cacheHit()).isFalse();
  }

  @Test
  void anInvalidGenomeSkipsTheCacheAndIsAnsweredByTheScorer() {
    TaskEvaluation noop =
        new TaskEvaluation(new NoopScorer("host"), new FitnessCache(8), metrics, Tasks.RUNTIME);
    EvaluationTask task = Tasks.withGene(Tasks.smoke(1, 7), 80, 9);

    TaskEvaluation.Answer first = noop.answer(task);
    TaskEvaluation.Answer second = noop.answer(task);

    assertThat(first.result().outcome()).isEqualTo(EvaluationOutcome.FAILED);
    assertThat(first.result().failure().message()).contains("gene 80");
    assertThat(second.cacheHit()).isFalse();
  }

  @Test
  void recordsTheSpikesOfSimulatedEvaluations() {
    EvaluationTask task = Tasks.smoke(1, 7);

    evaluation.answer(task);
    evaluation.answer(Tasks.again(task)); // a cache hit simulates nothing

    var spikes = registry.get(WorkerMetrics.SPIKES).summary();
    // rate 0.25 x 1000 neurons x 2 instances x T 2 x B 16 x 2 batches (smoke preset)
    assertThat(spikes.count()).isEqualTo(1);
    assertThat(spikes.totalAmount()).isCloseTo(0.25 * 1000 * 2 * 2 * 16 * 2, within(1e-9));
  }

  private long duration(String outcome) {
    return registry.get(WorkerMetrics.DURATION).tag("outcome", outcome).timer().count();
  }
}

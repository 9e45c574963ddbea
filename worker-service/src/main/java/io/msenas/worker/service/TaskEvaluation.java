package io.msenas.worker.service;

import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.Failure;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.Timings;
import io.msenas.worker.evaluation.Evaluator;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one task: from the fitness cache when it can, otherwise from the {@link TaskScorer};
 * records cache hits, evaluation durations and spikes (the listener counts answers once they are
 * delivered). Never throws: whatever escapes the scorer becomes a FAILED, retryable result, so that
 * the worker stays up and the task is still answered. Thread-safe.
 */
final class TaskEvaluation {

  private static final Logger log = LoggerFactory.getLogger(TaskEvaluation.class);

  /**
   * A task's answer.
   *
   * @param result the result, carrying the task's {@code taskId} and {@code individualId}
   * @param cacheHit whether it came from the cache rather than an evaluation
   */
  record Answer(EvaluationResult result, boolean cacheHit) {}

  private final TaskScorer scorer;
  private final FitnessCache cache;
  private final WorkerMetrics metrics;
  private final Nd4jRuntime.Info runtime;

  /**
   * @param runtime what this process runs, for the provenance of failures that the scorer did not
   *     answer itself
   */
  TaskEvaluation(
      TaskScorer scorer, FitnessCache cache, WorkerMetrics metrics, Nd4jRuntime.Info runtime) {
    this.scorer = scorer;
    this.cache = cache;
    this.metrics = metrics;
    this.runtime = runtime;
  }

  Answer answer(EvaluationTask task) {
    long start = System.nanoTime();
    Optional<FitnessCache.Key> key = cacheKey(task);
    Optional<EvaluationResult> cached = key.flatMap(cache::get);
    if (cached.isPresent()) {
      EvaluationResult hit = answering(task, cached.get(), elapsed(start));
      metrics.cacheHit();
      return new Answer(hit, true);
    }
    EvaluationResult result = scoreSafely(task, start);
    metrics.evaluated(result.outcome(), Duration.ofNanos(System.nanoTime() - start));
    if (result.outcome().isSuccessful()) {
      metrics.spikes(result, task.fitness());
      key.ifPresent(k -> cache.put(k, result));
    }
    return new Answer(result, false);
  }

  private EvaluationResult scoreSafely(EvaluationTask task, long start) {
    try {
      return scorer.score(task);
    } catch (RuntimeException | Error e) {
      // the Evaluator answers its own failures; this is the net under everything else (a linkage
      // error from the natives, a stack overflow): the task is answered, the worker stays up
      log.error(
          "Evaluation of task {} threw; answering it as a retryable failure", task.taskId(), e);
      Provenance provenance =
          new Provenance(
              Evaluator.ENGINE_VERSION,
              task.fitness().seed(),
              runtime.backend(),
              runtime.nativeVariant().classifier(),
              runtime.blasCoreType(),
              runtime.host());
      return EvaluationResult.failed(
          task.taskId(),
          task.individualId(),
          null,
          new Failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), true),
          new Timings(0, 0, 0, (System.nanoTime() - start) / 1e6),
          provenance);
    }
  }

  /** The cache key, or empty when the genome does not fit its space (the scorer will say so). */
  private static Optional<FitnessCache.Key> cacheKey(EvaluationTask task) {
    try {
      return Optional.of(
          new FitnessCache.Key(
              task.searchSpace().contentHash(task.genome()), task.fitness().configHash()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A cached score as the answer to another task: the task's ids, the lookup's timings, the
   * original evaluation's score, spike rates, synaptic operations, RDM and provenance.
   */
  private static EvaluationResult answering(
      EvaluationTask task, EvaluationResult cached, Timings timings) {
    return EvaluationResult.succeeded(
            task.taskId(),
            task.individualId(),
            cached.canonicalHash(),
            cached.score(),
            cached.widthNormalisedScore(),
            cached.spikeRates(),
            cached.parameterCount(),
            timings,
            cached.provenance(),
            cached.rdm())
        .withSynapticOperations(cached.synapticOperations());
  }

  private static Timings elapsed(long start) {
    return new Timings(0, 0, 0, (System.nanoTime() - start) / 1e6);
  }
}

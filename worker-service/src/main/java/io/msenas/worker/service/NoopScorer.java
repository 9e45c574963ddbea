package io.msenas.worker.service;

import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.Failure;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.Rdm;
import io.msenas.model.message.Timings;
import io.msenas.worker.evaluation.Evaluator;
import java.util.List;

/**
 * {@link FitnessMode#NOOP}: a deterministic SUCCEEDED answer derived from the genome's canonical
 * hash, without building or simulating anything. It exists only to measure what the rest of the
 * system costs per evaluation (queues, JSON, confirms, result intake); its scores mean nothing.
 *
 * <p>The score is the hash's first 52 bits as a fraction in [0, 1), so equal networks get equal
 * scores and different networks (almost surely) different ones; the RDM is the 1 x 1 matrix [0.0];
 * no spike rates, parameter count 0; the provenance's ND4J backend reads {@value #BACKEND}, so that
 * such a result cannot pass for a real one. A genome that does not fit its search space fails as in
 * the real mode (non-retryable, naming the gene). Thread-safe.
 */
final class NoopScorer implements TaskScorer {

  /** The provenance backend of every noop result. */
  static final String BACKEND = "noop";

  private static final Rdm EMPTY_RDM = new Rdm(1, List.of(0.0));

  private final String host;

  NoopScorer(String host) {
    this.host = host;
  }

  @Override
  public EvaluationResult score(EvaluationTask task) {
    long start = System.nanoTime();
    Provenance provenance =
        new Provenance(Evaluator.ENGINE_VERSION, task.fitness().seed(), BACKEND, null, null, host);
    String hash;
    try {
      hash = task.searchSpace().contentHash(task.genome());
    } catch (IllegalArgumentException e) {
      return EvaluationResult.failed(
          task.taskId(),
          task.individualId(),
          null,
          new Failure(e.getClass().getSimpleName(), e.getMessage(), false),
          elapsed(start),
          provenance);
    }
    return EvaluationResult.succeeded(
        task.taskId(),
        task.individualId(),
        hash,
        scoreOf(hash),
        null,
        List.of(),
        0,
        elapsed(start),
        provenance,
        EMPTY_RDM);
  }

  /** The noop score of a canonical hash: its first 13 hex digits (52 bits) over 2^52. */
  static double scoreOf(String canonicalHash) {
    return Long.parseLong(canonicalHash.substring(0, 13), 16) / (double) (1L << 52);
  }

  private static Timings elapsed(long start) {
    return new Timings(0, 0, 0, (System.nanoTime() - start) / 1e6);
  }
}

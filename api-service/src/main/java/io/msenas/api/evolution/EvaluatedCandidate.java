package io.msenas.api.evolution;

import java.util.Objects;

/**
 * A candidate with the outcome of its evaluation.
 *
 * <p>A failed candidate (the evaluation gave up for good: poison task, invalid network, non-finite
 * score) never survives; its objectives, if any, are ignored. Its canonical hash still counts for
 * duplicate elimination, so the engine does not breed the same failing network again in the next
 * generation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param candidate the candidate, never {@code null}
 * @param objectives its objective values; never {@code null} unless {@code failed}
 * @param failed whether the evaluation failed
 */
public record EvaluatedCandidate(Candidate candidate, Objectives objectives, boolean failed) {

  /** Validates. */
  public EvaluatedCandidate {
    Objects.requireNonNull(candidate, "candidate");
    if (!failed && objectives == null) {
      throw new IllegalArgumentException(
          "candidate " + candidate.id() + " objectives must be present unless it failed, was null");
    }
  }

  /**
   * A successful evaluation.
   *
   * @param candidate the candidate, never {@code null}
   * @param objectives its values, never {@code null}
   * @return the evaluated candidate
   */
  public static EvaluatedCandidate of(Candidate candidate, Objectives objectives) {
    return new EvaluatedCandidate(
        candidate, Objects.requireNonNull(objectives, "objectives"), false);
  }

  /**
   * A failed evaluation.
   *
   * @param candidate the candidate, never {@code null}
   * @return the evaluated candidate, without objectives
   */
  public static EvaluatedCandidate failure(Candidate candidate) {
    return new EvaluatedCandidate(candidate, null, true);
  }

  /** Shorthand for {@code candidate().id()}. */
  String id() {
    return candidate.id();
  }
}

package io.msenas.model.message;

/**
 * How an evaluation ended. Both outcomes are terminal for the attempt; whether a failed individual
 * is tried again is the {@link Failure#retryable()} flag's call.
 *
 * <p>Immutable and thread-safe.
 */
public enum EvaluationOutcome {
  /** Scored: the result carries a score and an RDM. */
  SUCCEEDED,
  /** Not scored: the result carries a {@link Failure}. */
  FAILED;

  /**
   * Tells whether the result carries a score.
   *
   * @return {@code true} for {@link #SUCCEEDED}
   */
  public boolean isSuccessful() {
    return this == SUCCEEDED;
  }
}

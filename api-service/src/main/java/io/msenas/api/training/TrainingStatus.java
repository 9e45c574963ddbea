package io.msenas.api.training;

/** Where a training job is. */
public enum TrainingStatus {
  /** Stored, waiting for a worker. */
  QUEUED,
  /** A worker is training it (or will resume it after its worker was lost). */
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}

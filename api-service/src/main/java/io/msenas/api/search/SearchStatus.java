package io.msenas.api.search;

/** Lifecycle of a search job. */
public enum SearchStatus {
  /** Stored; generation 0 not yet created. */
  QUEUED,
  /** Generations are being evaluated. */
  RUNNING,
  /** All generations done; the winner is set. */
  SUCCEEDED,
  /** Stopped by an error that the search could not carry on from. */
  FAILED,
  /** Stopped on request. */
  CANCELLED;

  /** Whether the job will change no more. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** Whether the job ended as asked. */
  public boolean isSuccessful() {
    return this == SUCCEEDED;
  }
}

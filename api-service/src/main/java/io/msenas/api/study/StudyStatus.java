package io.msenas.api.study;

/**
 * Where a study stands, derived from its trainings: RUNNING while any is unfinished; then SUCCEEDED
 * when at least {@link StudyService#MIN_CORRELATED} trained (enough to rank), FAILED when fewer
 * did, CANCELLED when a client cancelled it.
 */
public enum StudyStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED
}

package io.msenas.worker.service;

/**
 * A result that may not have reached the results queue: the publish failed, the broker nacked it,
 * no confirm came in time, or it was returned unroutable. The task must be retried.
 */
final class ResultNotConfirmedException extends Exception {

  ResultNotConfirmedException(String message, Throwable cause) {
    super(message, cause);
  }
}

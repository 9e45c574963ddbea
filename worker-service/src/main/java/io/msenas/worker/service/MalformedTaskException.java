package io.msenas.worker.service;

/**
 * A task message that cannot be read as an {@link io.msenas.model.message.EvaluationTask}: not
 * JSON, another schema version, a missing or invalid field. Such a message is never retried.
 */
final class MalformedTaskException extends RuntimeException {

  MalformedTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}

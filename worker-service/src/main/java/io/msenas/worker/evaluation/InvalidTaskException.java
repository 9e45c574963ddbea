package io.msenas.worker.evaluation;

/**
 * The task itself is bad: it names an unknown fitness or data set, or settings the network or the
 * data cannot take. Thrown only by the checks that run before anything is simulated, so that an
 * {@link Evaluator} can answer it as a non-retryable {@link Evaluator#INVALID_TASK} failure; any
 * other {@link IllegalArgumentException} from inside the engine is the worker's fault and is
 * answered as a retryable {@link Evaluator#EVALUATION_ERROR}.
 */
public final class InvalidTaskException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong with the task, naming the bad value
   */
  public InvalidTaskException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong with the task, naming the bad value
   * @param cause the check that rejected it
   */
  public InvalidTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}

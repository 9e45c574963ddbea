package io.msenas.worker.evaluation;

import io.msenas.model.genome.InvalidGenomeException;
import java.util.function.Supplier;

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

  /**
   * Runs one of the checks of a task's settings that come before the work itself: an {@link
   * IllegalArgumentException} it throws (an unknown data set, a batch larger than the data, a
   * network the settings cannot build) is the task's fault, and comes out as this exception. An
   * {@link InvalidGenomeException} passes unchanged.
   *
   * @param check the check, returning what it built
   * @return what the check returned
   * @throws InvalidTaskException for any other {@link IllegalArgumentException} the check throws
   */
  public static <T> T check(Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidTaskException | InvalidGenomeException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidTaskException(e.getMessage(), e);
    }
  }
}

package io.msenas.model.message;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Why an evaluation failed, typed so that the engine can decide without parsing text.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type a stable machine-readable kind ({@code "InvalidGenome"}, {@code "OutOfMemory"}),
 *     never blank
 * @param message a human-readable explanation naming the bad value, never {@code null} (may be
 *     empty)
 * @param retryable {@code true} if another attempt may succeed (a lost worker, a full device);
 *     {@code false} if it never will (an invalid genome)
 */
public record Failure(@NotBlank String type, @NotNull String message, boolean retryable) {

  /** Validates the fields. */
  public Failure {
    Checks.requireNonBlank(type, "failure type");
    if (message == null) {
      throw new IllegalArgumentException("failure message must not be null");
    }
  }
}

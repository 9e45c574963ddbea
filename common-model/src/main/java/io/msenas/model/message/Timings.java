package io.msenas.model.message;

/**
 * Where an evaluation's wall-clock time went, in milliseconds. A failed evaluation reports what it
 * spent before failing (zeros for phases not reached).
 *
 * <p>Immutable and thread-safe.
 *
 * @param buildMs building the network from the genome, finite and {@code >= 0}
 * @param simulateMs running the T time steps over all batches, finite and {@code >= 0}
 * @param fitnessMs computing the score from the spikes, finite and {@code >= 0}
 * @param totalMs the whole evaluation, including overheads not listed, finite and {@code >= 0}
 */
public record Timings(double buildMs, double simulateMs, double fitnessMs, double totalMs) {

  /** No time spent; for failures that happened before any phase began. */
  public static final Timings NONE = new Timings(0, 0, 0, 0);

  /** Validates the fields. */
  public Timings {
    Checks.requireNonNegativeFinite(buildMs, "buildMs");
    Checks.requireNonNegativeFinite(simulateMs, "simulateMs");
    Checks.requireNonNegativeFinite(fitnessMs, "fitnessMs");
    Checks.requireNonNegativeFinite(totalMs, "totalMs");
  }
}

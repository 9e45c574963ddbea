package io.msenas.model.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Objects;

/**
 * A representational dissimilarity matrix of the first fitness batch, as the fitness function
 * defines it: for rdm-hamming and rsa-labels the mean over LIF layers and time steps of the Hamming
 * distances between the spike vectors of each pair of samples (in spikes), for rdm-pearson the mean
 * of 1 - Pearson correlation, for sahd-logdet the mean sparsity-aware Hamming distance (the kernel
 * is its mean width minus it). See docs/engine.md.
 *
 * <p>Immutable and thread-safe.
 *
 * @param size the number of samples B, {@code > 0}
 * @param values the {@code size x size} entries in row-major order, each finite; copied
 */
public record Rdm(@Positive int size, @NotNull List<Double> values) {

  /** Validates and copies. */
  public Rdm {
    Checks.requirePositive(size, "rdm size");
    values = List.copyOf(Objects.requireNonNull(values, "values"));
    if (values.size() != (long) size * size) {
      throw new IllegalArgumentException(
          "rdm values must hold size * size = "
              + ((long) size * size)
              + " entries, was "
              + values.size());
    }
    for (int i = 0; i < values.size(); i++) {
      if (!Double.isFinite(values.get(i))) {
        throw new IllegalArgumentException(
            "rdm value " + i + " must be finite, was " + values.get(i));
      }
    }
  }

  /**
   * One entry.
   *
   * @param row the row, in {@code [0, size)}
   * @param column the column, in {@code [0, size)}
   * @return the dissimilarity of samples {@code row} and {@code column}
   */
  public double get(int row, int column) {
    Objects.checkIndex(row, size);
    Objects.checkIndex(column, size);
    return values.get(row * size + column);
  }
}

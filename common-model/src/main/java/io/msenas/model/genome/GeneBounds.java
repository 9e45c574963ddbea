package io.msenas.model.genome;

/**
 * The inclusive range a gene may take.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is {@code "[lower, upper]"}, the form error
 * messages quote.
 *
 * @param lower the smallest allowed value
 * @param upper the largest allowed value, {@code >= lower}
 */
public record GeneBounds(int lower, int upper) {

  /** Validates the range. */
  public GeneBounds {
    if (upper < lower) {
      throw new IllegalArgumentException(
          "gene bounds upper must be >= lower " + lower + ", was " + upper);
    }
  }

  /**
   * Tells whether a value lies in the range.
   *
   * @param v the value
   * @return {@code lower <= v <= upper}
   */
  public boolean contains(int v) {
    return lower <= v && v <= upper;
  }

  @Override
  public String toString() {
    return "[" + lower + ", " + upper + "]";
  }
}

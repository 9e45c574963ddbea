package io.msenas.api.evolution;

/**
 * Statistics of one generation's survivors.
 *
 * <p>{@code best}, {@code mean} and {@code median} are over the survivors' fitness (objective 1).
 * {@code diversity} is the mean, over all unordered pairs of survivors, of the normalised Hamming
 * distance of their canonical genomes: the number of genes that differ divided by the genome
 * length. It lies in {@code [0, 1]}; non-coding genes are 0 in the canonical form, so real values
 * are small (they only count genes that code in at least one of the pair). With one survivor it is
 * 0. Every value is {@code NaN} when there are no survivors (generation 0's plan, before
 * evaluation).
 *
 * <p>Immutable and thread-safe.
 *
 * @param best the largest fitness
 * @param mean the mean fitness
 * @param median the median fitness (mean of the two middle values for an even count)
 * @param diversity the mean pairwise normalised Hamming distance, in {@code [0, 1]}
 */
public record GenerationStatistics(double best, double mean, double median, double diversity) {

  /**
   * The statistics of an empty population.
   *
   * @return all values {@code NaN}
   */
  public static GenerationStatistics undefined() {
    return new GenerationStatistics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }
}

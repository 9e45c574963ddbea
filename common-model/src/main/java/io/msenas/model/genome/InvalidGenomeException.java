package io.msenas.model.genome;

/**
 * Thrown when a genome does not fit a search space: wrong version, wrong length, or a gene out of
 * its bounds. The message names the gene index, what the gene is ("cell 2 kernel gene 0", "cell 0
 * motif gene", "macro gene"), its value and its bounds, e.g. {@code "gene 41 (cell 2 kernel gene 0)
 * = 7 is out of its bounds [0, 1]"}. Kernel genes are numbered from 0 within their cell: kernel
 * gene {@code j} of cell {@code i} is gene {@code 20*i + 1 + j}, the kernel of conv edge {@code j}
 * of {@link Motif#convEdgesInGeneOrder()}.
 *
 * <p>An {@link IllegalArgumentException}, so handlers of bad input catch it without knowing it; a
 * genome that fails here is not worth retrying.
 */
public final class InvalidGenomeException extends IllegalArgumentException {

  /** The offending gene, or -1; see {@link #geneIndex()}. */
  private final int geneIndex;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the offending value
   * @param geneIndex the offending gene's index, or {@code -1} when the problem is not about one
   *     gene (length, version)
   */
  public InvalidGenomeException(String message, int geneIndex) {
    super(message);
    if (geneIndex < -1) {
      throw new IllegalArgumentException("geneIndex must be >= -1, was " + geneIndex);
    }
    this.geneIndex = geneIndex;
  }

  /**
   * The offending gene.
   *
   * @return its index, or {@code -1} when the problem is not about one gene (length or version)
   */
  public int geneIndex() {
    return geneIndex;
  }
}

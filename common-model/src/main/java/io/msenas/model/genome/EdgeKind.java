package io.msenas.model.genome;

/**
 * What one edge of a motif computes (the micro scale of the search).
 *
 * <p>Conv edges are {@code LIF -> Conv2d(k x k) -> BatchNorm -> sign clamp}; their kernel size is
 * the edge's micro gene. An identity edge passes its input unchanged and takes no gene. A "zero"
 * edge is simply absent from a template, so it has no constant here.
 *
 * <p>Immutable and thread-safe.
 */
public enum EdgeKind {
  /** Conv edge clamped to {@code max(x, 0)}. */
  EXCITATORY,
  /** Conv edge clamped to {@code min(x, 0)}. */
  INHIBITORY,
  /** Passes the input unchanged; has no weights and no gene. */
  IDENTITY;

  /**
   * Tells whether this edge carries a convolution, and therefore a kernel-size gene.
   *
   * @return {@code true} for {@link #EXCITATORY} and {@link #INHIBITORY}
   */
  public boolean isConv() {
    return this != IDENTITY;
  }
}

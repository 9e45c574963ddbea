package io.msenas.model.genome;

/**
 * The sign of the <em>conv</em> feedback edges of the motif templates (m3's and mm3's {@code p(n4)}
 * feedback). Identity feedback edges (m5, mm3's {@code id(n3)}) are unaffected.
 *
 * <p>The reference release ends up with every feedback conv excitatory, so {@link #EXCITATORY} is
 * the default of a {@link SearchSpace}; {@link #INHIBITORY} is offered as a job option.
 *
 * <p>Immutable and thread-safe.
 */
public enum FeedbackSign {
  /** Conv feedback edges are {@link EdgeKind#EXCITATORY} (the release's behaviour). */
  EXCITATORY,
  /** Conv feedback edges are {@link EdgeKind#INHIBITORY}. */
  INHIBITORY;

  /**
   * The edge kind a conv feedback edge takes under this sign.
   *
   * @return {@link EdgeKind#EXCITATORY} or {@link EdgeKind#INHIBITORY}, never {@code null}
   */
  public EdgeKind edgeKind() {
    return this == EXCITATORY ? EdgeKind.EXCITATORY : EdgeKind.INHIBITORY;
  }
}

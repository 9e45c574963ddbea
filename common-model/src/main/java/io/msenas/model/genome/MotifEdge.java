package io.msenas.model.genome;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Objects;

/**
 * One edge of a motif template.
 *
 * <p>Nodes are numbered as in docs/algorithm.md's motif table: the input slots come first ({@code 0
 * .. inputs-1}, i.e. s0, s1, s2), then the intermediate nodes (m family: n3, n4, ...; mm family:
 * n2, n3, ...). A forward edge feeds a node being computed; a feedback edge adds into an earlier
 * node.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the node the edge reads, {@code >= 0}
 * @param target the node the edge adds into, {@code >= 0} and not {@code source}
 * @param kind what the edge computes, never {@code null}
 */
public record MotifEdge(
    @PositiveOrZero int source, @PositiveOrZero int target, @NotNull EdgeKind kind) {

  /** Validates the edge. */
  public MotifEdge {
    if (source < 0) {
      throw new IllegalArgumentException("edge source must be >= 0, was " + source);
    }
    if (target < 0) {
      throw new IllegalArgumentException("edge target must be >= 0, was " + target);
    }
    if (source == target) {
      throw new IllegalArgumentException(
          "edge must join two different nodes, was " + source + " -> " + target);
    }
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Tells whether this edge carries a convolution (and so a kernel gene).
   *
   * @return {@code kind().isConv()}
   */
  @JsonIgnore // derived from kind; not a property of its own
  public boolean isConv() {
    return kind.isConv();
  }
}

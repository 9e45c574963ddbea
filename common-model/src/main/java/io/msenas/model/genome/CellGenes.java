package io.msenas.model.genome;

import java.util.List;
import java.util.Objects;

/**
 * What one cell's block of genes decodes to.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface CellGenes permits CellGenes.Normal, CellGenes.Reduction {

  /**
   * The cell's position in the network.
   *
   * @return {@code >= 0}
   */
  int index();

  /**
   * A searched cell: a motif template with one kernel size per conv edge.
   *
   * @param index the cell's position, {@code >= 0}
   * @param motif the template, never {@code null}
   * @param kernelSizes the kernel size (3 for gene 0, 5 for gene 1) of each edge of {@code
   *     motif.convEdgesInGeneOrder()}, same order and size; copied
   */
  record Normal(int index, Motif motif, List<Integer> kernelSizes) implements CellGenes {

    /** Validates and copies. */
    public Normal {
      requireIndex(index);
      Objects.requireNonNull(motif, "motif");
      kernelSizes = List.copyOf(Objects.requireNonNull(kernelSizes, "kernelSizes"));
      int expected = motif.convEdgeCount();
      if (kernelSizes.size() != expected) {
        throw new IllegalArgumentException(
            "cell "
                + index
                + " needs "
                + expected
                + " kernel sizes for motif "
                + motif.name()
                + ", was "
                + kernelSizes.size());
      }
      for (int k : kernelSizes) {
        if (k != 3 && k != 5) {
          throw new IllegalArgumentException(
              "cell " + index + " kernel size must be 3 or 5, was " + k);
        }
      }
    }

    /**
     * The kernel size of one conv edge of the motif.
     *
     * @param edge an edge of {@code motif().convEdgesInGeneOrder()}
     * @return 3 or 5
     * @throws IllegalArgumentException if the edge is not a conv edge of this cell's motif
     */
    public int kernelSizeOf(MotifEdge edge) {
      int i = motif.convEdgesInGeneOrder().indexOf(edge);
      if (i < 0) {
        throw new IllegalArgumentException(
            "edge " + edge + " is not a conv edge of motif " + motif.name());
      }
      return kernelSizes.get(i);
    }
  }

  /**
   * A reduction cell: a fixed factorized reduce that ignores its genes.
   *
   * @param index the cell's position, {@code >= 0}
   */
  record Reduction(int index) implements CellGenes {

    /** Validates the index. */
    public Reduction {
      requireIndex(index);
    }
  }

  private static void requireIndex(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("cell index must be >= 0, was " + index);
    }
  }
}

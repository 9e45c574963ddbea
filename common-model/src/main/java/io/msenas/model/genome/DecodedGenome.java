package io.msenas.model.genome;

import java.util.List;
import java.util.Objects;

/**
 * A genome read through its search space: the macro gene and what each cell instantiates. This is
 * everything that shapes the network; the genes it drops (reduction cells, unused kernel genes) do
 * not code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param space the search space that decoded it, never {@code null}
 * @param macroK how many previous cells every cell reads: 3 (m family) or 2 (mm family), within the
 *     space's macro range
 * @param cells one entry per cell, in order: {@link CellGenes.Reduction} exactly at {@link
 *     SearchSpace#reductionCells()}, {@link CellGenes.Normal} elsewhere with a motif of the family
 *     {@code macroK} selects, within the space's motif range and feedback sign; copied
 */
public record DecodedGenome(SearchSpace space, int macroK, List<CellGenes> cells) {

  /** Validates that the decoded form is one the space can produce, and copies the cells. */
  public DecodedGenome {
    Objects.requireNonNull(space, "space");
    if (macroK < space.macroMin() || macroK > space.macroMax()) {
      throw new IllegalArgumentException(
          "macro k must be in [" + space.macroMin() + ", " + space.macroMax() + "], was " + macroK);
    }
    cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
    if (cells.size() != space.cells()) {
      throw new IllegalArgumentException(
          "decoded genome needs " + space.cells() + " cells, was " + cells.size());
    }
    for (int i = 0; i < cells.size(); i++) {
      checkCell(space, macroK, i, cells.get(i));
    }
  }

  private static void checkCell(SearchSpace space, int macroK, int i, CellGenes cell) {
    if (cell.index() != i) {
      throw new IllegalArgumentException(
          "cell at position " + i + " must have index " + i + ", was " + cell.index());
    }
    if (space.isReduction(i) != (cell instanceof CellGenes.Reduction)) {
      throw new IllegalArgumentException(
          "cell "
              + i
              + " must be a "
              + (space.isReduction(i) ? "reduction" : "normal")
              + " cell, was "
              + cell);
    }
    if (cell instanceof CellGenes.Normal normal) {
      Motif motif = normal.motif();
      if (motif.id() > space.motifMax()
          || !motif.equals(MotifCatalogue.motif(macroK, motif.id(), space.feedbackSign()))) {
        throw new IllegalArgumentException(
            "cell "
                + i
                + " motif "
                + motif.name()
                + " is not one this search space offers under macro k = "
                + macroK);
      }
    }
  }

  /**
   * Encodes back to the canonical genome: the inverse of {@link SearchSpace#decode} up to
   * non-coding genes, so {@code space.decode(g).encode().equals(space.canonical(g))}.
   *
   * @return a new genome of the space's version, never {@code null}
   */
  public Genome encode() {
    return space.encode(this);
  }
}

package io.msenas.model.genome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gene layout of search space {@code mse-v1}, kept out of {@link SearchSpace} so that the
 * record stays a readable description of the space. Callers have validated the genome.
 */
final class GenomeCodec {

  private GenomeCodec() {}

  static String describe(SearchSpace space, int geneIndex) {
    if (geneIndex == space.genomeLength() - 1) {
      return "macro gene";
    }
    int cell = geneIndex / SearchSpace.GENES_PER_CELL;
    int offset = geneIndex % SearchSpace.GENES_PER_CELL;
    String kind = offset == 0 ? "motif gene" : "kernel gene " + (offset - 1);
    return "cell " + cell + " " + kind;
  }

  static DecodedGenome decode(SearchSpace space, Genome g) {
    int macroK = g.gene(space.genomeLength() - 1);
    List<CellGenes> cells = new ArrayList<>(space.cells());
    for (int cell = 0; cell < space.cells(); cell++) {
      if (space.isReduction(cell)) {
        cells.add(new CellGenes.Reduction(cell));
        continue;
      }
      int base = cell * SearchSpace.GENES_PER_CELL;
      Motif motif = MotifCatalogue.motif(macroK, g.gene(base), space.feedbackSign());
      int edges = motif.convEdgeCount();
      List<Integer> kernels = new ArrayList<>(edges);
      for (int e = 0; e < edges; e++) {
        kernels.add(g.gene(base + 1 + e) == 0 ? 3 : 5);
      }
      cells.add(new CellGenes.Normal(cell, motif, kernels));
    }
    return new DecodedGenome(space, macroK, cells);
  }

  static Genome encode(DecodedGenome decoded) {
    SearchSpace space = decoded.space();
    int[] genes = new int[space.genomeLength()];
    for (CellGenes cell : decoded.cells()) {
      if (cell instanceof CellGenes.Normal normal) {
        int base = normal.index() * SearchSpace.GENES_PER_CELL;
        genes[base] = normal.motif().id();
        List<Integer> kernels = normal.kernelSizes();
        for (int e = 0; e < kernels.size(); e++) {
          genes[base + 1 + e] = kernels.get(e) == 3 ? 0 : 1;
        }
      }
    }
    genes[genes.length - 1] = decoded.macroK();
    return new Genome(space.version(), genes);
  }

  static List<Boolean> codingMask(SearchSpace space, Genome g) {
    Boolean[] mask = new Boolean[space.genomeLength()];
    Arrays.fill(mask, Boolean.FALSE);
    DecodedGenome decoded = decode(space, g);
    for (CellGenes cell : decoded.cells()) {
      if (cell instanceof CellGenes.Normal normal) {
        int base = normal.index() * SearchSpace.GENES_PER_CELL;
        mask[base] = Boolean.TRUE;
        for (int e = 0; e < normal.kernelSizes().size(); e++) {
          mask[base + 1 + e] = Boolean.TRUE;
        }
      }
    }
    mask[mask.length - 1] = Boolean.TRUE;
    return List.of(mask);
  }
}

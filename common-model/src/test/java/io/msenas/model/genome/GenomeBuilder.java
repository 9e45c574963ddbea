package io.msenas.model.genome;

/** Test helper: writes genes by cell and offset, so tests read like the layout description. */
final class GenomeBuilder {

  private final int[] genes;

  private GenomeBuilder(SearchSpace space) {
    genes = new int[space.genomeLength()];
    genes[genes.length - 1] = space.macroMax();
  }

  static GenomeBuilder of(SearchSpace space) {
    return new GenomeBuilder(space);
  }

  GenomeBuilder motif(int cell, int gene) {
    genes[cell * SearchSpace.GENES_PER_CELL] = gene;
    return this;
  }

  GenomeBuilder kernels(int cell, int... kernelGenes) {
    System.arraycopy(
        kernelGenes, 0, genes, cell * SearchSpace.GENES_PER_CELL + 1, kernelGenes.length);
    return this;
  }

  GenomeBuilder kernel(int cell, int edge, int gene) {
    genes[cell * SearchSpace.GENES_PER_CELL + 1 + edge] = gene;
    return this;
  }

  GenomeBuilder gene(int index, int value) {
    genes[index] = value;
    return this;
  }

  GenomeBuilder macro(int k) {
    genes[genes.length - 1] = k;
    return this;
  }

  Genome build() {
    return new Genome(SearchSpace.VERSION_1, genes);
  }
}

package io.msenas.worker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.worker.network.Phenotype.Conv;
import io.msenas.worker.network.Phenotype.Node;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written genomes and phenotype look-ups shared by the worker's tests.
 *
 * <p>Gene layout (search space {@code mse-v1}): 20 genes per cell, gene {@code 20 i} = motif id of
 * cell i, genes {@code 20 i + 1 ..} = kernel genes (0 -> 3x3, 1 -> 5x5) of the motif's conv edges
 * in gene order, last gene = macro k (3: m family, 2: mm family).
 */
public final class GenomeFixtures {

  /** The smoke preset's space: L = 4, reductions at 1, 2, 3, so only cell 0 is searched. */
  public static final SearchSpace SMOKE = SearchSpace.of(4, InputKind.STATIC_IMAGE);

  /** L = 6 static images: reductions at 1, 3, 4; cells 0, 2 and 5 are searched. */
  public static final SearchSpace SIX_CELLS = SearchSpace.of(6, InputKind.STATIC_IMAGE);

  private GenomeFixtures() {}

  /** One cell's genes: its motif gene and its leading kernel genes (the rest stay 0). */
  public record CellSpec(int index, int motif, int[] kernels) {}

  public static CellSpec cell(int index, int motif, int... kernels) {
    return new CellSpec(index, motif, kernels);
  }

  /**
   * A genome of {@code space} with macro gene {@code macroK} and the given cells; other genes 0.
   */
  public static Genome genome(SearchSpace space, int macroK, CellSpec... cells) {
    return new Genome(space.version(), genes(space, macroK, cells));
  }

  /** The raw gene vector of {@link #genome}, for tests that corrupt it. */
  public static int[] genes(SearchSpace space, int macroK, CellSpec... cells) {
    int[] genes = new int[space.genomeLength()];
    for (CellSpec cell : cells) {
      int base = cell.index() * SearchSpace.GENES_PER_CELL;
      genes[base] = cell.motif();
      System.arraycopy(cell.kernels(), 0, genes, base + 1, cell.kernels().length);
    }
    genes[genes.length - 1] = macroK;
    return genes;
  }

  /** Decodes and builds with {@link NetworkSpec#mnist}(channels, steps). */
  public static Phenotype build(SearchSpace space, Genome genome, int channels, int steps) {
    return PhenotypeBuilder.build(space.decode(genome), NetworkSpec.mnist(channels, steps));
  }

  public static Node node(Phenotype phenotype, String name) {
    List<Node> found = phenotype.nodes().stream().filter(n -> n.name().equals(name)).toList();
    assertThat(found).as("nodes named %s", name).hasSize(1);
    return found.get(0);
  }

  public static Conv conv(Phenotype phenotype, String name) {
    List<Conv> found =
        phenotype.convolutions().stream().filter(c -> c.name().equals(name)).toList();
    assertThat(found).as("convolutions named %s", name).hasSize(1);
    return found.get(0);
  }

  /** Every spike group whose LIF reads exactly these nodes, in program order. */
  public static List<SpikeGroup> groupsReading(Phenotype phenotype, String... nodeNames) {
    List<Integer> ids = Arrays.stream(nodeNames).map(n -> node(phenotype, n).id()).toList();
    return phenotype.spikeGroups().stream().filter(g -> g.sources().equals(ids)).toList();
  }

  /** The position of a step in the program. */
  public static int stepIndex(Phenotype phenotype, Phenotype.Step step) {
    int i = phenotype.steps().indexOf(step);
    assertThat(i).as("position of %s", step).isNotNegative();
    return i;
  }
}

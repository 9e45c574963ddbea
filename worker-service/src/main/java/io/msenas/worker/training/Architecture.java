package io.msenas.worker.training;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import io.msenas.worker.network.NetworkSpec;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.PhenotypeBuilder;
import java.util.Objects;

/**
 * What is trained: a genome, the search space that decodes it and the fixed hyperparameters. The
 * network itself is always rebuilt from these by {@link PhenotypeBuilder}, the one description of
 * an architecture that the fitness path uses too.
 *
 * @param space decodes the genome
 * @param genome the evolved genes
 * @param spec channels, time steps, input geometry, classes and LIF constants
 */
public record Architecture(SearchSpace space, Genome genome, NetworkSpec spec) {

  /**
   * @throws io.msenas.model.genome.InvalidGenomeException if the genome does not fit the space
   */
  public Architecture {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(genome, "genome");
    Objects.requireNonNull(spec, "spec");
    space.validate(genome);
  }

  /** The network. */
  public Phenotype phenotype() {
    return PhenotypeBuilder.build(space.decode(genome), spec);
  }

  /** The genome's canonical content hash (what the fitness cache keys on). */
  public String contentHash() {
    return space.contentHash(genome);
  }
}

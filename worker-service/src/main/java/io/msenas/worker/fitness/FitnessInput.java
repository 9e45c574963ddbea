package io.msenas.worker.fitness;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.simulation.NetworkWeights;
import java.util.List;
import java.util.Objects;

/**
 * What a fitness function scores: a network with its initial weights and the batches drawn for it.
 * A record, so that fitness functions that need more (trained-accuracy: the training and validation
 * splits, a training budget) can get it as new components without changing the interface of the
 * others.
 *
 * @param phenotype the network, never {@code null}
 * @param weights its seeded random weights, never {@code null}
 * @param batches seeded batches of the training split, at least one, all of one size
 * @param space the search space the genome belongs to, never {@code null}
 * @param genome the architecture the phenotype was built from, never {@code null}
 * @param config the task's fitness configuration (data set, seed, batch size), never {@code null}
 */
public record FitnessInput(
    Phenotype phenotype,
    NetworkWeights weights,
    List<Batch> batches,
    SearchSpace space,
    Genome genome,
    FitnessConfig config) {

  /** Validates and copies the batch list. */
  public FitnessInput {
    Objects.requireNonNull(phenotype, "phenotype");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(genome, "genome");
    Objects.requireNonNull(config, "config");
    batches = List.copyOf(batches);
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("at least one batch is needed");
    }
  }
}

package io.msenas.worker.fitness;

import io.msenas.worker.simulation.ForwardSimulator;
import java.util.List;

/**
 * One network's score under one fitness function, with what the result message reports.
 *
 * @param score mean over batches of the batch scores, finite; larger is better
 * @param widthNormalisedScore the same with each layer's RDM divided by its width ({@code
 *     rdm-hamming}), or {@code null} when the function has none
 * @param batchScores per batch
 * @param rdm the first batch's RDM as the function defines it, B x B row-major (rows of different
 *     batches are different samples, so RDMs are not averaged across batches)
 * @param samples B
 * @param layers per LIF layer: instances, neurons, and spike rate averaged over the batches
 * @param synapticOperations estimated synaptic operations per sample ({@link SynapticOperations})
 * @param simulateMs wall time of the simulations, the fitness's own work included
 * @param fitnessMs of which the fitness function's own work (RDMs, kernels, correlations) took this
 *     long
 * @param profile where the simulation time went
 */
public record FitnessScore(
    double score,
    Double widthNormalisedScore,
    double[] batchScores,
    double[] rdm,
    int samples,
    List<LayerActivity> layers,
    double synapticOperations,
    double simulateMs,
    double fitnessMs,
    ForwardSimulator.Profile profile) {

  /** Copies the layer list. */
  public FitnessScore {
    layers = List.copyOf(layers);
  }
}

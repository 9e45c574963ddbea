package io.msenas.worker.fitness;

/**
 * One LIF layer's activity during an evaluation.
 *
 * @param group the spike group's id in its phenotype
 * @param name the spike group's name
 * @param instances LIF instances of the network the group stands for
 * @param neurons neurons per sample
 * @param spikes spikes of the first batch, counted once per group
 * @param rate spikes per neuron, step and sample, averaged over the batches, in [0, 1]
 */
public record LayerActivity(
    int group, String name, int instances, int neurons, long spikes, double rate) {}

package io.msenas.worker.fitness;

import io.msenas.worker.simulation.ForwardSimulator;

/**
 * A spike-based fitness function at work on one batch: it sees every LIF layer's spikes as the
 * simulator computes them ({@link #onSpikes}), then scores the batch ({@link #finish}). One
 * instance per batch; not thread-safe.
 */
public interface BatchScorer extends ForwardSimulator.SpikeObserver {

  /** The batch's score; called once, after the last LIF layer. */
  BatchScore finish();

  /** Makes a scorer for one batch. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param samples B
     * @param steps T
     * @param labels the samples' class labels, B long
     */
    BatchScorer forBatch(int samples, int steps, int[] labels);
  }
}

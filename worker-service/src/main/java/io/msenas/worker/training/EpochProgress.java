package io.msenas.worker.training;

import java.time.Duration;

/**
 * What one epoch of training did, as a service would stream it.
 *
 * @param epoch 1-based epoch just finished
 * @param epochs the run's length
 * @param loss mean training loss (label-smoothed cross-entropy) over the epoch's steps
 * @param trainAccuracy fraction of the epoch's training samples classified correctly, measured on
 *     the fly (training-mode BatchNorm, weights changing)
 * @param validationAccuracy fraction of the validation split classified correctly after the epoch
 *     (inference-mode BatchNorm)
 * @param spikeRate mean spikes per LIF neuron per time step over the epoch's training batches
 * @param learningRate the rate of the epoch's last step
 * @param elapsed training wall time so far, this epoch included (across resumes)
 * @param eta estimated time to the end of the run (mean epoch time x epochs left)
 * @param bestValidationAccuracy the best validation accuracy so far
 * @param bestEpoch the epoch that reached it
 */
public record EpochProgress(
    int epoch,
    int epochs,
    double loss,
    double trainAccuracy,
    double validationAccuracy,
    double spikeRate,
    double learningRate,
    Duration elapsed,
    Duration eta,
    double bestValidationAccuracy,
    int bestEpoch) {}

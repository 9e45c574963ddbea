package io.msenas.model.message;

/**
 * How a training run trains (docs/algorithm.md section 6): the network's fixed sizes and the
 * optimiser.
 *
 * <p>Immutable and thread-safe.
 *
 * @param channels base channels C of the first stage, {@code > 0}
 * @param timeSteps simulated steps T per sample, {@code > 0}
 * @param epochs epochs to train, {@code > 0}
 * @param batchSize samples per training step, {@code > 0}
 * @param learningRatePer1024 peak learning rate for a batch of 1024 (scaled by batch / 1024)
 * @param minLearningRate where the cosine schedule ends
 * @param warmupEpochs linear warm-up epochs, {@code >= 0}
 * @param weightDecay AdamW decoupled weight decay (none on biases and BatchNorm), {@code >= 0}
 * @param labelSmoothing label-smoothing of the cross-entropy, in [0, 1)
 * @param dropPathMax where drop-path's linear ramp heads, in [0, 1): epoch e (1-based) of E drops
 *     with probability {@code dropPathMax (e - 1) / E}
 * @param seed seed of the initial weights, the batch order and the augmentation
 * @param trainSamples train on the first this many samples of the training split, 0 for all (quick
 *     experiments and tests)
 */
public record TrainingHyperparameters(
    int channels,
    int timeSteps,
    int epochs,
    int batchSize,
    double learningRatePer1024,
    double minLearningRate,
    double warmupEpochs,
    double weightDecay,
    double labelSmoothing,
    double dropPathMax,
    long seed,
    int trainSamples) {

  /** Validates the values. */
  public TrainingHyperparameters {
    Checks.requirePositive(channels, "channels");
    Checks.requirePositive(timeSteps, "timeSteps");
    Checks.requirePositive(epochs, "epochs");
    Checks.requirePositive(batchSize, "batchSize");
    Checks.requirePositiveFinite(learningRatePer1024, "learningRatePer1024");
    Checks.requireNonNegativeFinite(minLearningRate, "minLearningRate");
    Checks.requireNonNegativeFinite(warmupEpochs, "warmupEpochs");
    Checks.requireNonNegativeFinite(weightDecay, "weightDecay");
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException("labelSmoothing must be in [0, 1), was " + labelSmoothing);
    }
    if (trainSamples < 0) {
      throw new IllegalArgumentException("trainSamples must be >= 0, was " + trainSamples);
    }
    if (!(dropPathMax >= 0 && dropPathMax < 1)) {
      throw new IllegalArgumentException("dropPathMax must be in [0, 1), was " + dropPathMax);
    }
  }
}

package io.msenas.api.training;

import io.msenas.model.preset.Preset;

/**
 * The hyperparameters a training gets when the request does not say (ALGORITHM.md section 6, with
 * the epochs and learning rate of the engine's train-bench for the quick preset).
 */
record TrainingDefaults(
    int epochs,
    int batchSize,
    double learningRatePer1024,
    double minLearningRate,
    double warmupEpochs,
    double weightDecay,
    double labelSmoothing,
    double dropPathMax,
    long seed) {

  static TrainingDefaults of(Preset preset) {
    return switch (preset) {
      case PAPER -> new TrainingDefaults(600, 128, 5e-3, 1e-5, 5, 0.01, 0.1, 0.2, 99);
      // the learning rate the engine's benchmark tuned for short MNIST runs (5e-3 at batch 64)
      case QUICK -> new TrainingDefaults(12, 64, 0.08, 1e-5, 1, 0.01, 0.1, 0.0, 99);
      case SMOKE -> new TrainingDefaults(1, 16, 0.08, 1e-5, 0, 0.01, 0.1, 0.0, 99);
    };
  }
}

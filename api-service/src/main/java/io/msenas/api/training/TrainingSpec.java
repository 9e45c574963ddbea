package io.msenas.api.training;

import io.msenas.model.message.TrainingHyperparameters;
import java.util.UUID;

/**
 * A training's resolved spec: the data set, the network's fixed sizes, every hyperparameter, and
 * where the architecture came from. Stored as the job's {@code spec}.
 *
 * @param trainSamples the first this many training samples, 0 for all
 * @param sourceSearchId the search the architecture came from, or null for an inline genome
 * @param sourceIndividualId the individual it came from, or null for an inline genome
 */
public record TrainingSpec(
    String dataset,
    String preset,
    int cells,
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
    int trainSamples,
    UUID sourceSearchId,
    UUID sourceIndividualId) {

  /** The hyperparameters a worker trains with. */
  public TrainingHyperparameters hyperparameters() {
    return new TrainingHyperparameters(
        channels,
        timeSteps,
        epochs,
        batchSize,
        learningRatePer1024,
        minLearningRate,
        warmupEpochs,
        weightDecay,
        labelSmoothing,
        dropPathMax,
        seed,
        trainSamples);
  }
}

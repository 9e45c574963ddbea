package io.msenas.worker.training;

import io.msenas.model.message.Provenance;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a trained model came from.
 *
 * @param runtime engine version, seed and numeric backend of the run
 * @param dataset the data set's name
 * @param options every hyperparameter of the run
 * @param epochsTrained epochs run
 * @param bestEpoch the epoch whose parameters the model holds (best validation accuracy)
 * @param bestValidationAccuracy that accuracy
 * @param testAccuracy accuracy on the test split, measured once with these parameters
 * @param trainedAt when training finished
 * @param trainingTime wall time of the epochs (training and validation), across resumes
 */
public record ModelProvenance(
    Provenance runtime,
    String dataset,
    TrainingOptions options,
    int epochsTrained,
    int bestEpoch,
    double bestValidationAccuracy,
    double testAccuracy,
    Instant trainedAt,
    Duration trainingTime) {}

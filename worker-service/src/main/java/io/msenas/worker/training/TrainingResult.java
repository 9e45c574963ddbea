package io.msenas.worker.training;

import java.util.List;

/**
 * The outcome of a finished run.
 *
 * @param model the parameters of the best validation epoch, with their provenance
 * @param history every epoch's progress
 * @param bestValidationAccuracy the selected epoch's validation accuracy
 * @param bestEpoch the selected epoch (1-based)
 * @param testAccuracy the selected model's test accuracy, measured once
 */
public record TrainingResult(
    TrainedModel model,
    List<EpochProgress> history,
    double bestValidationAccuracy,
    int bestEpoch,
    double testAccuracy) {

  public TrainingResult {
    history = List.copyOf(history);
  }
}

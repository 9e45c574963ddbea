package io.msenas.api.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Transport records of the training endpoints; they match openapi.yaml's schemas. */
public final class TrainingViews {

  private TrainingViews() {}

  /** A training job as clients see it. */
  public record TrainingView(
      UUID id,
      TrainingStatus status,
      TrainingSpec spec,
      GenomeView genome,
      Progress progress,
      List<EpochView> epochs,
      ResultView result,
      String error,
      Map<String, Object> provenance,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt) {}

  /** The trained architecture. */
  public record GenomeView(String searchSpaceVersion, int[] genes, String canonicalHash) {}

  /**
   * How far a training is.
   *
   * @param attempt 1, or more after a worker was lost and another resumed from a checkpoint
   */
  public record Progress(
      int epochsDone,
      int epochs,
      int attempt,
      Integer checkpointEpoch,
      Double elapsedSeconds,
      Double etaSeconds) {}

  /** One finished epoch. */
  public record EpochView(
      int epoch,
      int attempt,
      double loss,
      double trainAccuracy,
      double validationAccuracy,
      double spikeRate,
      double learningRate,
      double elapsedSeconds) {}

  /** The outcome of a SUCCEEDED training. */
  public record ResultView(
      double testAccuracy,
      double bestValidationAccuracy,
      int bestEpoch,
      long parameterCount,
      double samplesPerSecond,
      String modelSha256) {}
}

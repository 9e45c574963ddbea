package io.msenas.api.study;

import io.msenas.api.training.TrainingStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Transport records of the study endpoints; they match openapi.yaml's schemas. */
public final class StudyViews {

  private StudyViews() {}

  /** A study as clients see it. */
  public record StudyView(
      UUID id,
      StudyStatus status,
      StudySpec spec,
      Progress progress,
      List<CorrelationView> correlations,
      List<MemberView> members,
      Instant createdAt,
      Instant finishedAt) {}

  /**
   * How far a study is: its trainings by status, and an estimate of the time left (the mean time of
   * the finished trainings times those not finished; null before the first finishes).
   */
  public record Progress(
      int architectures,
      int queued,
      int running,
      int succeeded,
      int failed,
      int cancelled,
      Double elapsedSeconds,
      Double etaSeconds) {}

  /**
   * One architecture of the study and what it scored.
   *
   * @param scores the untrained network's score under each fitness function (once trained)
   * @param spikeRate the untrained network's mean spike rate (a naive baseline)
   * @param synapticOperations the untrained network's estimated synaptic operations per sample
   * @param validationAccuracy the best validation accuracy over its epochs (what the scores are
   *     ranked against; the test split is not used)
   */
  public record MemberView(
      int index,
      UUID trainingId,
      TrainingStatus status,
      String canonicalHash,
      int[] genes,
      Long parameterCount,
      Map<String, Double> scores,
      Double spikeRate,
      Double synapticOperations,
      Double validationAccuracy,
      int epochsDone,
      Double elapsedSeconds,
      String error) {}

  /**
   * How well one predictor ranks the trained architectures by validation accuracy, over the n that
   * trained.
   *
   * @param predictor a fitness name, or {@code parameterCount}, {@code spikeRate}, {@code
   *     synapticOperations}
   * @param kind {@code fitness}, or {@code baseline} for the naive predictors
   * @param n architectures ranked
   */
  public record CorrelationView(
      String predictor, String kind, int n, EstimateView kendallTau, EstimateView spearmanRho) {}

  /** A statistic with its bootstrap confidence interval; each null where undefined. */
  public record EstimateView(Double value, Double low, Double high) {

    static EstimateView of(RankCorrelation.Estimate e) {
      return new EstimateView(finite(e.value()), finite(e.low()), finite(e.high()));
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }
}

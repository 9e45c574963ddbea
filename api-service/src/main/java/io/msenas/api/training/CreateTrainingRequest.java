package io.msenas.api.training;

import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /v1/trainings} (openapi.yaml {@code CreateTrainingRequest}). The architecture
 * comes from exactly one of {@code source} (an individual of a search, or its winner) and {@code
 * genome} (inline). Every other field overrides a default.
 */
public record CreateTrainingRequest(
    Source source,
    Genome genome,
    Integer cells,
    String dataset,
    String preset,
    Integer channels,
    Integer timeSteps,
    Integer epochs,
    Integer batchSize,
    Double learningRatePer1024,
    Double minLearningRate,
    Double warmupEpochs,
    Double weightDecay,
    Double labelSmoothing,
    Double dropPathMax,
    Long seed,
    Integer trainSamples) {

  /** An individual of a search; without {@code individualId}, the search's winner. */
  public record Source(UUID searchId, UUID individualId) {}

  /** An inline genome. */
  public record Genome(String searchSpaceVersion, List<Integer> genes) {}
}

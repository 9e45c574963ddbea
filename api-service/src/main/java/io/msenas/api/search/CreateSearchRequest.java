package io.msenas.api.search;

/**
 * Body of {@code POST /v1/searches} (openapi.yaml {@code CreateSearchRequest}). Only {@code
 * dataset} is required; every other field overrides the preset's default when present.
 */
public record CreateSearchRequest(
    String dataset,
    String preset,
    Integer population,
    Integer offspring,
    Integer generations,
    Double crossoverProbability,
    Double mutationEta,
    Double mutationRate,
    Long seed,
    Integer timeSteps,
    Integer channels,
    Integer cells,
    Integer batchSize,
    Integer batches,
    String fitness,
    Integer motifMax,
    String feedbackSign,
    Double tau,
    Double threshold) {}

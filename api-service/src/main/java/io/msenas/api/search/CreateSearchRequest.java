package io.msenas.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /v1/searches} (openapi.yaml {@code CreateSearchRequest}). Only {@code
 * dataset} is required; every other field overrides the preset's default when present.
 *
 * <p>Fields added after the first release are left out of the JSON when absent, so that the request
 * hash of an idempotent retry (a digest of this record's JSON) stays what it was for requests that
 * do not use them.
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
    Double threshold,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer objectives,
    @JsonInclude(JsonInclude.Include.NON_NULL) String costObjective,
    @JsonInclude(JsonInclude.Include.NON_NULL) String evolution) {}

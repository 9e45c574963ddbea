package io.msenas.api.study;

import java.util.List;

/**
 * Body of {@code POST /v1/studies} (openapi.yaml {@code CreateStudyRequest}). Every field is
 * optional and overrides a default.
 *
 * @param preset sizes of the networks and the default training recipe ({@code quick})
 * @param dataset the data set the scores and the trainings use ({@code mnist})
 * @param architectures how many seeded random architectures (30)
 * @param epochs training epochs per architecture (1)
 * @param trainSamples train on the first this many training samples, 0 for all (0)
 * @param batchSize training batch size (the preset's training default)
 * @param learningRatePer1024 peak learning rate for a batch of 1024 (the preset's default)
 * @param seed draws the architectures and seeds their weights, batches and training (0)
 * @param fitnesses the training-free fitness functions to compare (every one the service knows)
 */
public record CreateStudyRequest(
    String preset,
    String dataset,
    Integer architectures,
    Integer epochs,
    Integer trainSamples,
    Integer batchSize,
    Double learningRatePer1024,
    Long seed,
    List<String> fitnesses) {}

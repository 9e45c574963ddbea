package io.msenas.api.study;

import java.util.List;

/**
 * A study's resolved spec, stored as the job's {@code spec}.
 *
 * @param preset the preset's id
 * @param dataset the data set
 * @param architectures how many architectures were drawn
 * @param epochs training epochs per architecture
 * @param trainSamples the first this many training samples, 0 for all
 * @param batchSize training batch size
 * @param learningRatePer1024 peak learning rate for a batch of 1024
 * @param seed the study's seed
 * @param fitnesses the training-free fitness functions compared, sorted
 * @param bootstrapResamples resamples behind each confidence interval
 * @param confidenceLevel the intervals' coverage
 */
public record StudySpec(
    String preset,
    String dataset,
    int architectures,
    int epochs,
    int trainSamples,
    int batchSize,
    double learningRatePer1024,
    long seed,
    List<String> fitnesses,
    int bootstrapResamples,
    double confidenceLevel) {

  public StudySpec {
    fitnesses = List.copyOf(fitnesses);
  }
}

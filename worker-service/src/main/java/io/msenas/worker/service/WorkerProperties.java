package io.msenas.worker.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker evaluates: keys under {@code mse-nas.worker}.
 *
 * @param fitnessMode {@code rdm} (default) scores for real; {@code noop} answers without
 *     simulating, for overhead measurements only (see {@link FitnessMode#NOOP})
 * @param cacheSize successful results kept in the in-memory fitness cache, least recently used
 *     evicted first; {@code 0} disables the cache. An entry holds the result's B x B RDM: about 2
 *     KB at the smoke preset, about 400 KB at the paper preset (B = 128).
 */
@ConfigurationProperties("mse-nas.worker")
record WorkerProperties(
    @DefaultValue("rdm") FitnessMode fitnessMode, @DefaultValue("256") int cacheSize) {

  WorkerProperties {
    if (fitnessMode == null) {
      throw new IllegalArgumentException(
          "mse-nas.worker.fitness-mode must be rdm or noop, was null");
    }
    if (cacheSize < 0) {
      throw new IllegalArgumentException(
          "mse-nas.worker.cache-size must be >= 0, was " + cacheSize);
    }
  }
}

package io.msenas.worker.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.msenas.model.message.EvaluationOutcome;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.message.LayerSpikeRate;
import java.time.Duration;
import java.util.Locale;

/**
 * The worker's meters. Every tag has a fixed, small set of values; every meter is registered at
 * start-up, so that a scrape shows zeros rather than nothing before the first task. Thread-safe.
 *
 * <ul>
 *   <li>{@value #EVALUATIONS} (counter, tag {@code outcome}: succeeded, failed, rejected): tasks
 *       answered, counted once the result is confirmed and the task acknowledged (cache hits
 *       included), and malformed messages rejected.
 *   <li>{@value #DURATION} (timer, tag {@code outcome}: succeeded, failed; percentiles 0.5, 0.95,
 *       0.99 and a histogram): evaluations that ran, cache hits excluded.
 *   <li>{@value #CACHE_HITS} (counter): tasks answered from the fitness cache.
 *   <li>{@value #SPIKES} (distribution summary, base unit spikes): spikes per simulated evaluation.
 *   <li>{@value #UNCONFIRMED} (counter): results the broker did not confirm, or returned
 *       unroutable; each sends its task back to the queue.
 *   <li>{@value #INFO} (gauge, always 1, tags {@code native_variant}, {@code backend}, {@code
 *       fitness_mode}): what this worker runs.
 * </ul>
 */
final class WorkerMetrics {

  static final String EVALUATIONS = "mse_nas.worker.evaluations";
  static final String DURATION = "mse_nas.worker.evaluation.duration";
  static final String CACHE_HITS = "mse_nas.worker.cache.hits";
  static final String SPIKES = "mse_nas.worker.spikes";
  static final String UNCONFIRMED = "mse_nas.worker.results.unconfirmed";
  static final String INFO = "mse_nas.worker.info";

  private final Counter succeeded;
  private final Counter failed;
  private final Counter rejected;
  private final Timer succeededDuration;
  private final Timer failedDuration;
  private final Counter cacheHits;
  private final DistributionSummary spikes;
  private final Counter unconfirmed;

  WorkerMetrics(MeterRegistry registry, String nativeVariant, String backend, FitnessMode mode) {
    succeeded = evaluations(registry, "succeeded");
    failed = evaluations(registry, "failed");
    rejected = evaluations(registry, "rejected");
    succeededDuration = duration(registry, "succeeded");
    failedDuration = duration(registry, "failed");
    cacheHits =
        Counter.builder(CACHE_HITS)
            .description("Tasks answered from the in-memory fitness cache, without simulating")
            .register(registry);
    spikes =
        DistributionSummary.builder(SPIKES)
            .description(
                "Spikes emitted per simulated evaluation (all LIF layers, time steps and samples)")
            .baseUnit("spikes")
            .register(registry);
    unconfirmed =
        Counter.builder(UNCONFIRMED)
            .description(
                "Results not confirmed by the broker or returned unroutable; task requeued")
            .register(registry);
    Gauge.builder(INFO, () -> 1)
        .description("Always 1; the tags say what this worker runs")
        .tag("native_variant", nativeVariant)
        .tag("backend", backend)
        .tag("fitness_mode", mode.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  /** A task answered (result confirmed, task acknowledged), by its result's outcome. */
  void answered(EvaluationOutcome outcome) {
    (outcome.isSuccessful() ? succeeded : failed).increment();
  }

  /** A message rejected as malformed. */
  void rejected() {
    rejected.increment();
  }

  /** An evaluation that ran (not a cache hit). */
  void evaluated(EvaluationOutcome outcome, Duration duration) {
    (outcome.isSuccessful() ? succeededDuration : failedDuration).record(duration);
  }

  void cacheHit() {
    cacheHits.increment();
  }

  /** Records the spikes of a simulated result; results without spike rates record nothing. */
  void spikes(EvaluationResult result, FitnessConfig config) {
    if (!result.spikeRates().isEmpty()) {
      spikes.record(totalSpikes(result, config));
    }
  }

  void unconfirmed() {
    unconfirmed.increment();
  }

  /**
   * Spikes of one evaluation, from its per-layer rates: the sum over LIF layers of rate x neurons x
   * instances, times time steps x batch size x batches. A layer whose {@code instances} identical
   * LIFs share one simulation counts {@code instances} times, as in the RDM.
   */
  static double totalSpikes(EvaluationResult result, FitnessConfig config) {
    double perStepAndSample = 0;
    for (LayerSpikeRate layer : result.spikeRates()) {
      perStepAndSample += layer.rate() * layer.neurons() * (double) layer.instances();
    }
    return perStepAndSample * config.timeSteps() * config.batchSize() * config.batches();
  }

  private static Counter evaluations(MeterRegistry registry, String outcome) {
    return Counter.builder(EVALUATIONS)
        .description(
            "Tasks answered (result confirmed; cache hits included) or rejected as malformed")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Timer duration(MeterRegistry registry, String outcome) {
    return Timer.builder(DURATION)
        .description("Wall time of evaluations that ran (cache hits excluded)")
        .tag("outcome", outcome)
        .publishPercentiles(0.5, 0.95, 0.99)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
  }
}

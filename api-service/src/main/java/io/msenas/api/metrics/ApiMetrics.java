package io.msenas.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The API service's own meters. Names are dotted with base units ({@code mse_nas_...} in
 * Prometheus); the only tag with many values is {@code search_id}, and only while that search runs.
 */
@Component
public class ApiMetrics {

  private final MeterRegistry registry;
  private final Counter dispatched;
  private final Counter completed;
  private final Counter failed;
  private final Counter retried;
  private final Counter deadLettered;
  private final Counter duplicates;
  private final Counter cacheHits;
  private final Counter malformed;
  private final Timer intakeLatency;
  private final Map<UUID, AtomicReference<double[]>> running = new ConcurrentHashMap<>();

  public ApiMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.dispatched =
        Counter.builder("mse_nas.evaluations.dispatched")
            .description("Evaluation tasks published to the broker (confirmed)")
            .register(registry);
    this.completed =
        Counter.builder("mse_nas.evaluations.completed")
            .description("Evaluation results taken in")
            .tag("outcome", "succeeded")
            .register(registry);
    this.failed =
        Counter.builder("mse_nas.evaluations.completed")
            .description("Evaluation results taken in")
            .tag("outcome", "failed")
            .register(registry);
    this.retried =
        Counter.builder("mse_nas.evaluations.retried")
            .description("Evaluations dispatched again after a failure or an expired lease")
            .register(registry);
    this.deadLettered =
        Counter.builder("mse_nas.evaluations.dead_lettered")
            .description("Evaluations given up after their last attempt")
            .register(registry);
    this.duplicates =
        Counter.builder("mse_nas.results.duplicates")
            .description("Results for individuals that already had one: counted, not applied")
            .register(registry);
    this.cacheHits =
        Counter.builder("mse_nas.fitness_cache.hits")
            .description("Individuals scored from the fitness cache instead of a worker")
            .register(registry);
    this.malformed =
        Counter.builder("mse_nas.results.malformed")
            .description("Result messages that could not be read (dead-lettered)")
            .register(registry);
    this.intakeLatency =
        Timer.builder("mse_nas.results.intake")
            .description("Time to take in one result, advance included")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
  }

  public void dispatched(int n) {
    dispatched.increment(n);
  }

  public void completed(boolean success) {
    (success ? completed : failed).increment();
  }

  public void retried() {
    retried.increment();
  }

  public void deadLettered() {
    deadLettered.increment();
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void cacheHits(int n) {
    cacheHits.increment(n);
  }

  public void malformedResult() {
    malformed.increment();
  }

  public void intake(Duration duration) {
    intakeLatency.record(duration);
  }

  /** Tracks a running search's generation and best fitness (gauges tagged with its id). */
  public void searchProgress(UUID searchId, int generation, Double bestFitness) {
    running
        .computeIfAbsent(
            searchId,
            id -> {
              AtomicReference<double[]> state = new AtomicReference<>(new double[] {0, Double.NaN});
              Tags tags = Tags.of("search_id", id.toString());
              Gauge.builder("mse_nas.search.generation", state, s -> s.get()[0])
                  .tags(tags)
                  .description("Current generation of a running search")
                  .register(registry);
              Gauge.builder("mse_nas.search.best_fitness", state, s -> s.get()[1])
                  .tags(tags)
                  .description("Best fitness so far of a running search")
                  .register(registry);
              return state;
            })
        .set(new double[] {generation, bestFitness == null ? Double.NaN : bestFitness});
  }

  /** The searches this process keeps gauges for. */
  Set<UUID> trackedSearches() {
    return Set.copyOf(running.keySet());
  }

  /** Removes a finished search's gauges, so that search ids do not pile up as tag values. */
  public void searchFinished(UUID searchId) {
    if (running.remove(searchId) != null) {
      Tags tags = Tags.of("search_id", searchId.toString());
      registry.find("mse_nas.search.generation").tags(tags).meters().forEach(registry::remove);
      registry.find("mse_nas.search.best_fitness").tags(tags).meters().forEach(registry::remove);
    }
  }
}

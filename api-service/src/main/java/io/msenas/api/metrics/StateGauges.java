package io.msenas.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from PostgreSQL and the broker: searches by status, the outbox backlog and the task
 * queue's depth. Refreshed on a timer (not on each scrape), so a scrape never waits on the
 * database.
 */
@Component
class StateGauges {

  private static final String[] STATUSES = {
    "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"
  };

  private final JdbcClient jdbc;
  private final AmqpAdmin admin;
  private final ApiMetrics metrics;
  private final String taskQueue;
  private final AtomicReference<Map<String, Double>> byStatus = new AtomicReference<>(Map.of());
  private volatile double backlog;
  private volatile double queueDepth = Double.NaN;

  StateGauges(
      JdbcClient jdbc,
      AmqpAdmin admin,
      ApiMetrics metrics,
      MeterRegistry registry,
      @Value("${mse-nas.messaging.task-queue:mse-nas.evaluation.tasks}") String taskQueue) {
    this.jdbc = jdbc;
    this.admin = admin;
    this.metrics = metrics;
    this.taskQueue = taskQueue;
    for (String status : STATUSES) {
      Gauge.builder("mse_nas.searches", byStatus, m -> m.get().getOrDefault(status, 0.0))
          .tag("status", status.toLowerCase(java.util.Locale.ROOT))
          .description("Searches by status")
          .register(registry);
    }
    Gauge.builder("mse_nas.outbox.backlog", this, g -> g.backlog)
        .description("Evaluation tasks written but not yet published")
        .register(registry);
    Gauge.builder("mse_nas.queue.depth", this, g -> g.queueDepth)
        .description("Messages ready in the evaluation task queue")
        .register(registry);
  }

  /**
   * Removes the gauges of searches that ended: the replica that took a search's last result or its
   * cancel removes them at once, but another replica that took some of its results would keep them.
   */
  private void dropEndedSearches() {
    Set<UUID> tracked = metrics.trackedSearches();
    if (tracked.isEmpty()) {
      return;
    }
    jdbc.sql("select id from search_job where id in (:ids) and status <> 'RUNNING'")
        .param("ids", tracked)
        .query(UUID.class)
        .list()
        .forEach(metrics::searchFinished);
  }

  @Scheduled(fixedDelayString = "${mse-nas.metrics.refresh-interval:5s}")
  void refresh() {
    try {
      Map<String, Double> counts = new HashMap<>();
      jdbc.sql("select status, count(*) from search_job group by status")
          .query((rs, i) -> counts.put(rs.getString(1), (double) rs.getLong(2)))
          .list();
      byStatus.set(counts);
      dropEndedSearches();
      backlog =
          jdbc.sql("select count(*) from evaluation_task where state = 'PENDING'")
              .query(Long.class)
              .single();
    } catch (RuntimeException e) {
      // a gauge keeps its last value while the database is unreachable
    }
    try {
      var info = admin.getQueueInfo(taskQueue);
      queueDepth = info == null ? Double.NaN : info.getMessageCount();
    } catch (RuntimeException e) {
      queueDepth = Double.NaN;
    }
  }
}

package io.msenas.api.dispatch;

import io.msenas.api.search.SearchLifecycle;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds sent tasks whose lease ran out (a worker died or a message was lost) and has them
 * dispatched again.
 */
@Component
class LeaseMonitor {

  private static final Logger log = LoggerFactory.getLogger(LeaseMonitor.class);

  private final JdbcClient jdbc;
  private final SearchLifecycle lifecycle;
  private final Clock clock;

  LeaseMonitor(JdbcClient jdbc, SearchLifecycle lifecycle, Clock clock) {
    this.jdbc = jdbc;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${mse-nas.dispatch.lease-check-interval:5s}")
  void check() {
    try {
      expireOverdue();
    } catch (RuntimeException e) {
      log.warn("lease check failed; will retry: {}", e.toString());
    }
  }

  /** Handles every overdue lease; returns how many there were. */
  int expireOverdue() {
    List<UUID> overdue =
        jdbc.sql(
                "select id from evaluation_task where state = 'SENT' and lease_deadline < :now"
                    + " order by lease_deadline limit 500")
            .param("now", Timestamp.from(clock.instant()))
            .query(UUID.class)
            .list();
    for (UUID task : overdue) {
      lifecycle.expireLease(task);
    }
    return overdue.size();
  }
}

package io.msenas.api.dispatch;

import io.msenas.api.search.DispatchSettings;
import io.msenas.api.search.SearchLifecycle;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds sent tasks whose lease ran out (a worker died or a message was lost) and has them
 * dispatched again.
 *
 * <p>A lease is set when its task is published, but a task may then wait in the queue behind others
 * for longer than a lease while every worker is busy (slow evaluations, few workers): its lease
 * must not run out before a worker has taken it. So while the task queue holds messages that no
 * worker has taken yet and has at least one consumer, no lease of a sent task runs out: each is
 * moved to at least a full lease from now. A task taken from the queue therefore keeps at least a
 * full lease from when it was taken (within one check interval). With no consumer at all leases run
 * out as set, so that a search without workers gives its individuals up after their attempts
 * instead of waiting forever.
 */
@Component
class LeaseMonitor {

  private static final Logger log = LoggerFactory.getLogger(LeaseMonitor.class);

  private final JdbcClient jdbc;
  private final SearchLifecycle lifecycle;
  private final AmqpAdmin admin;
  private final String taskQueue;
  private final Duration lease;
  private final Clock clock;

  LeaseMonitor(
      JdbcClient jdbc,
      SearchLifecycle lifecycle,
      AmqpAdmin admin,
      MessagingSettings messaging,
      DispatchSettings dispatch,
      Clock clock) {
    this.jdbc = jdbc;
    this.lifecycle = lifecycle;
    this.admin = admin;
    this.taskQueue = messaging.taskQueue();
    this.lease = dispatch.lease();
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${mse-nas.dispatch.lease-check-interval:5s}")
  void check() {
    try {
      holdWhileQueued();
      expireOverdue();
    } catch (RuntimeException e) {
      log.warn("lease check failed; will retry: {}", e.toString());
    }
  }

  /**
   * Moves the lease of every sent task to at least a full lease from now where the task queue has
   * consumers and messages waiting for them; returns how many leases moved.
   */
  int holdWhileQueued() {
    QueueInformation queue = admin.getQueueInfo(taskQueue);
    if (queue == null || queue.getMessageCount() == 0 || queue.getConsumerCount() == 0) {
      return 0;
    }
    Timestamp deadline = Timestamp.from(clock.instant().plus(lease));
    return jdbc.sql(
            "update evaluation_task set lease_deadline = :deadline"
                + " where state = 'SENT' and lease_deadline < :deadline")
        .param("deadline", deadline)
        .update();
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

package io.msenas.api.dispatch;

import io.msenas.api.metrics.ApiMetrics;
import io.msenas.api.search.DispatchSettings;
import io.msenas.api.search.TasksQueued;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays the transactional outbox to the broker: claims PENDING tasks ({@code FOR UPDATE SKIP
 * LOCKED}, so replicas never publish the same row), publishes them as persistent messages, waits
 * for the broker's confirms, and only then marks them SENT with a lease. A crash between publish
 * and commit publishes a task twice; result intake makes that harmless. Runs right after every
 * commit that queued tasks, and on a timer as a safety net.
 */
@Component
class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final JdbcClient jdbc;
  private final RabbitTemplate rabbit;
  private final MessagingSettings messaging;
  private final DispatchSettings dispatch;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ApiMetrics metrics;

  OutboxRelay(
      JdbcClient jdbc,
      RabbitTemplate rabbit,
      MessagingSettings messaging,
      DispatchSettings dispatch,
      PlatformTransactionManager transactionManager,
      Clock clock,
      ApiMetrics metrics) {
    this.jdbc = jdbc;
    this.rabbit = rabbit;
    this.messaging = messaging;
    this.dispatch = dispatch;
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.metrics = metrics;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void afterCommit(TasksQueued event) {
    flush();
  }

  @Scheduled(fixedDelayString = "${mse-nas.dispatch.relay-interval:200ms}")
  void poll() {
    flush();
  }

  /** Publishes pending tasks until none is left; returns how many were sent. */
  int flush() {
    int total = 0;
    try {
      int sent;
      do {
        sent = relayBatch();
        total += sent;
      } while (sent == dispatch.relayBatch());
    } catch (RuntimeException e) {
      log.warn("outbox relay failed; will retry: {}", e.toString());
    }
    return total;
  }

  private int relayBatch() {
    Integer sent =
        transactions.execute(
            status -> {
              List<PendingTask> pending =
                  jdbc.sql(
                          "select id, payload from evaluation_task where state = 'PENDING'"
                              + " order by created_at limit :limit for update skip locked")
                      .param("limit", dispatch.relayBatch())
                      .query(
                          (rs, i) ->
                              new PendingTask(
                                  rs.getObject("id", UUID.class), rs.getString("payload")))
                      .list();
              if (pending.isEmpty()) {
                return 0;
              }
              rabbit.invoke(
                  operations -> {
                    for (PendingTask task : pending) {
                      MessageProperties properties = new MessageProperties();
                      properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
                      properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                      properties.setMessageId(task.id().toString());
                      operations.send(
                          messaging.taskExchange(),
                          messaging.routingKey(),
                          new Message(task.payload().getBytes(StandardCharsets.UTF_8), properties));
                    }
                    operations.waitForConfirmsOrDie(messaging.confirmTimeoutMs());
                    return null;
                  });
              Instant now = clock.instant();
              jdbc.sql(
                      "update evaluation_task set state = 'SENT', sent_at = :now, lease_deadline = :deadline"
                          + " where id in (:ids)")
                  .param("now", Timestamp.from(now))
                  .param("deadline", Timestamp.from(now.plus(dispatch.lease())))
                  .param("ids", pending.stream().map(PendingTask::id).toList())
                  .update();
              return pending.size();
            });
    int count = sent == null ? 0 : sent;
    if (count > 0) {
      metrics.dispatched(count);
    }
    return count;
  }

  private record PendingTask(UUID id, String payload) {}
}

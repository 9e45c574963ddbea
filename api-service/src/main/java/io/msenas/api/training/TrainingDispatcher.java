package io.msenas.api.training;

import io.msenas.api.dispatch.MessagingSettings;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.message.TrainingQueues;
import io.msenas.model.message.TrainingTask;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends trainings to the workers and takes them back from lost ones.
 *
 * <ul>
 *   <li>Relay: a PENDING training (new, or to resume) is claimed with {@code FOR UPDATE SKIP
 *       LOCKED}, published as a persistent {@link TrainingTask} (with the last checkpoint, if any),
 *       and marked SENT only after the broker's confirm.
 *   <li>Lease: a worker's heartbeats renew it; a SENT training whose lease ran out goes back to
 *       PENDING with the next attempt (its worker is gone), until {@code max-attempts}.
 *   <li>Cancel: a cancellation is broadcast on the control exchange; the worker running it stops.
 * </ul>
 */
@Component
class TrainingDispatcher {

  private static final Logger log = LoggerFactory.getLogger(TrainingDispatcher.class);

  private final JdbcClient jdbc;
  private final RabbitTemplate rabbit;
  private final TrainingQueues queues;
  private final TrainingMessagingSettings settings;
  private final MessagingSettings messaging;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final Clock clock;
  private final ExecutorService relayThread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "training-relay");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean relayQueued = new AtomicBoolean();

  TrainingDispatcher(
      JdbcClient jdbc,
      RabbitTemplate rabbit,
      TrainingQueues queues,
      TrainingMessagingSettings settings,
      MessagingSettings messaging,
      PlatformTransactionManager transactionManager,
      JsonMapper json,
      Clock clock) {
    this.jdbc = jdbc;
    this.rabbit = rabbit;
    this.queues = queues;
    this.settings = settings;
    this.messaging = messaging;
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.json = json;
    this.clock = clock;
  }

  /**
   * Relays right after a commit that queued trainings, on {@link #relayThread}: a study queues
   * hundreds at once, each published with its own confirm, and the request that queued them must
   * not wait for that. Requests arriving while a relay is waiting to start share it.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void afterCommit(TrainingService.TrainingQueued event) {
    if (!relayQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      relayThread.execute(
          () -> {
            relayQueued.set(false);
            relay();
          });
    } catch (RejectedExecutionException e) {
      // shutting down: the next start's scheduled relay sends it
      relayQueued.set(false);
    }
  }

  @PreDestroy
  void stopRelayThread() {
    relayThread.shutdownNow();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void afterCommit(TrainingService.TrainingCancelled event) {
    try {
      MessageProperties properties = new MessageProperties();
      properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
      java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("cancel", event.trainingId().toString());
      if (event.attemptBelow() != null) {
        body.put("attemptBelow", event.attemptBelow());
      }
      rabbit.send(
          queues.controlExchange(), "", new Message(json.writeValueAsBytes(body), properties));
    } catch (RuntimeException e) {
      // the worker hears it again at its next update, which the API ignores and answers so
      log.warn("could not broadcast the cancellation of {}: {}", event.trainingId(), e.toString());
    }
  }

  @Scheduled(fixedDelayString = "${mse-nas.training-messaging.relay-interval:500ms}")
  void poll() {
    expireLeases();
    relay();
  }

  /** Publishes every PENDING training. */
  void relay() {
    try {
      while (Boolean.TRUE.equals(transactions.execute(status -> relayOne()))) {
        // next
      }
    } catch (RuntimeException e) {
      log.warn("training relay failed; will retry: {}", e.toString());
    }
  }

  private boolean relayOne() {
    List<Pending> pending =
        jdbc.sql(
                "select id, attempt, search_space::text as space, search_space_version, genes,"
                    + " spec::text as spec, checkpoint, score_with::text as score_with from training_job"
                    + " where dispatch_state = 'PENDING' order by created_at limit 1"
                    + " for update skip locked")
            .query(
                (rs, i) -> {
                  Integer[] boxed = (Integer[]) rs.getArray("genes").getArray();
                  int[] genes = new int[boxed.length];
                  for (int g = 0; g < genes.length; g++) {
                    genes[g] = boxed[g];
                  }
                  return new Pending(
                      rs.getObject("id", UUID.class),
                      rs.getInt("attempt"),
                      rs.getString("space"),
                      new Genome(rs.getString("search_space_version"), genes),
                      rs.getString("spec"),
                      rs.getBytes("checkpoint"),
                      rs.getString("score_with"));
                })
            .list();
    if (pending.isEmpty()) {
      return false;
    }
    Pending p = pending.get(0);
    TrainingTask task;
    try {
      TrainingSpec spec = json.readValue(p.spec(), TrainingSpec.class);
      task =
          new TrainingTask(
              TrainingTask.SCHEMA_VERSION,
              p.id(),
              p.attempt(),
              json.readValue(p.space(), SearchSpace.class),
              p.genome(),
              spec.dataset(),
              spec.hyperparameters(),
              p.checkpoint() == null ? null : Base64.getEncoder().encodeToString(p.checkpoint()),
              p.scoreWith() == null
                  ? List.of()
                  : List.of(json.readValue(p.scoreWith(), FitnessConfig[].class)));
    } catch (RuntimeException e) {
      // a row this version cannot turn into a task must not hold up the ones behind it
      jdbc.sql(
              "update training_job set status = 'FAILED', dispatch_state = 'DONE',"
                  + " finished_at = :now, updated_at = :now, error = :error where id = :id")
          .param("id", p.id())
          .param("now", Timestamp.from(clock.instant()))
          .param("error", "cannot build its training task: " + e.getMessage())
          .update();
      log.warn("training {} failed: cannot build its task: {}", p.id(), e.toString());
      return true;
    }
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(p.id() + "/" + p.attempt());
    byte[] body = json.writeValueAsString(task).getBytes(StandardCharsets.UTF_8);
    rabbit.invoke(
        operations -> {
          operations.send(
              queues.exchange(), TrainingQueues.TASK_KEY, new Message(body, properties));
          operations.waitForConfirmsOrDie(messaging.confirmTimeoutMs());
          return null;
        });
    // no lease yet: the task may wait in the queue for a free worker; the first heartbeat starts it
    jdbc.sql(
            "update training_job set dispatch_state = 'SENT', lease_deadline = null,"
                + " updated_at = :now where id = :id")
        .param("id", p.id())
        .param("now", Timestamp.from(clock.instant()))
        .update();
    log.info("training {} attempt {} sent", p.id(), p.attempt());
    return true;
  }

  /** Trainings whose worker stopped sending heartbeats: resume them, or give up. */
  void expireLeases() {
    Instant now = clock.instant();
    try {
      transactions.executeWithoutResult(
          status -> {
            List<UUID> expired =
                jdbc.sql(
                        "select id from training_job where dispatch_state = 'SENT'"
                            + " and lease_deadline < :now for update skip locked")
                    .param("now", Timestamp.from(now))
                    .query(UUID.class)
                    .list();
            for (UUID id : expired) {
              int attempt =
                  jdbc.sql("select attempt from training_job where id = :id")
                      .param("id", id)
                      .query(Integer.class)
                      .single();
              if (attempt >= settings.maxAttempts()) {
                jdbc.sql(
                        "update training_job set status = 'FAILED', dispatch_state = 'DONE',"
                            + " lease_deadline = null, finished_at = :now, updated_at = :now,"
                            + " error = :error where id = :id")
                    .param("id", id)
                    .param("now", Timestamp.from(now))
                    .param(
                        "error",
                        "its worker was lost "
                            + attempt
                            + " times (no heartbeat for "
                            + settings.lease()
                            + ")")
                    .update();
                log.warn("training {} failed: worker lost {} times", id, attempt);
              } else {
                jdbc.sql(
                        "update training_job set attempt = attempt + 1, dispatch_state = 'PENDING',"
                            + " lease_deadline = null, updated_at = :now where id = :id")
                    .param("id", id)
                    .param("now", Timestamp.from(now))
                    .update();
                log.warn(
                    "training {}: no heartbeat for {}; sending attempt {} from its last checkpoint",
                    id,
                    settings.lease(),
                    attempt + 1);
              }
            }
          });
    } catch (RuntimeException e) {
      log.warn("training lease check failed; will retry: {}", e.toString());
    }
  }

  private record Pending(
      UUID id,
      int attempt,
      String space,
      Genome genome,
      String spec,
      byte[] checkpoint,
      String scoreWith) {}
}

package io.msenas.api.training;

import com.rabbitmq.client.Channel;
import io.msenas.model.message.TrainingUpdate;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes the workers' training updates, each in one transaction under the job's row lock, and
 * acknowledges it after the commit. An update of an older attempt (its worker was given up on) or
 * of a finished job is acknowledged and ignored. An unreadable one is rejected (logged). One that
 * fails transiently (a lock timeout, a deadlock, a lost connection) is requeued; one that fails
 * otherwise would fail again on every delivery, so its training fails with the reason and the
 * update is rejected.
 */
@Component
class TrainingUpdateIntake {

  private static final Logger log = LoggerFactory.getLogger(TrainingUpdateIntake.class);

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final TrainingMessagingSettings settings;
  private final ApplicationEventPublisher events;

  TrainingUpdateIntake(
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock,
      PlatformTransactionManager transactionManager,
      TrainingMessagingSettings settings,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
    this.settings = settings;
    this.events = events;
  }

  @RabbitListener(
      id = "training-updates",
      queues = "${mse-nas.training-messaging.update-queue:mse-nas.training.updates}",
      ackMode = "MANUAL")
  void onUpdate(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    TrainingUpdate update;
    try {
      update = json.readValue(message.getBody(), TrainingUpdate.class);
    } catch (RuntimeException e) {
      log.warn("unreadable training update (delivery {}) rejected: {}", tag, e.toString());
      reject(channel, tag);
      return;
    }
    try {
      transactions.executeWithoutResult(status -> take(update));
      channel.basicAck(tag, false);
    } catch (RuntimeException e) {
      if (isTransient(e)) {
        log.info(
            "transient failure taking in update of training {}; requeued: {}",
            update.trainingId(),
            e.toString());
        channel.basicNack(tag, false, true);
        return;
      }
      log.error(
          "{} update of training {} attempt {} could not be taken in; failing the training",
          update.type(),
          update.trainingId(),
          update.attempt(),
          e);
      try {
        transactions.executeWithoutResult(status -> failUntakeable(update, e));
      } catch (RuntimeException failing) {
        if (isTransient(failing)) {
          // taken in again, it fails the same way, and the training is failed then
          log.info(
              "transient failure failing training {}; update requeued: {}",
              update.trainingId(),
              failing.toString());
          channel.basicNack(tag, false, true);
          return;
        }
        log.error("training {} could not be failed", update.trainingId(), failing);
      }
      reject(channel, tag);
    }
  }

  /**
   * Rejects a delivery without requeueing it: the broker dead-letters it where a policy gives the
   * queue a dead-letter exchange, and drops it otherwise (as an ack would).
   */
  private static void reject(Channel channel, long tag) throws IOException {
    channel.basicReject(tag, false);
  }

  /**
   * A failure of the database rather than of the update (a lock timeout, a deadlock, a lost or
   * refused connection): the same update may be taken in later.
   */
  static boolean isTransient(RuntimeException e) {
    return e instanceof TransientDataAccessException
        || e instanceof RecoverableDataAccessException
        || e instanceof DataAccessResourceFailureException
        || e instanceof CannotCreateTransactionException;
  }

  /**
   * Fails the training an update could not be taken in for, if it is still at that attempt and not
   * finished, and tells its worker to stop.
   */
  void failUntakeable(TrainingUpdate u, RuntimeException cause) {
    String reason =
        cause instanceof UntakeableUpdateException ? cause.getMessage() : cause.toString();
    Timestamp now = Timestamp.from(clock.instant());
    int failed =
        jdbc.sql(
                "update training_job set status = 'FAILED', dispatch_state = 'DONE',"
                    + " lease_deadline = null, eta_seconds = null, error = :error,"
                    + " finished_at = :now, updated_at = :now where id = :id"
                    + " and attempt = :attempt and status in ('QUEUED', 'RUNNING')")
            .param("id", u.trainingId())
            .param("attempt", u.attempt())
            .param(
                "error",
                "InvalidUpdate: the worker's "
                    + u.type()
                    + " update of attempt "
                    + u.attempt()
                    + " could not be taken in: "
                    + abbreviate(reason))
            .param("now", now)
            .update();
    if (failed > 0) {
      log.warn("training {} failed: its {} update could not be taken in", u.trainingId(), u.type());
      events.publishEvent(new TrainingService.TrainingCancelled(u.trainingId(), null));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  void take(TrainingUpdate u) {
    Optional<Current> row =
        jdbc.sql("select status, attempt, started_at from training_job where id = :id for update")
            .param("id", u.trainingId())
            .query(
                (rs, i) ->
                    new Current(
                        TrainingStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempt"),
                        rs.getTimestamp("started_at") != null))
            .optional();
    if (row.isEmpty()) {
      log.warn(
          "update for unknown training {} ignored; telling its worker to stop", u.trainingId());
      events.publishEvent(new TrainingService.TrainingCancelled(u.trainingId(), null));
      return;
    }
    Current current = row.get();
    if (current.status().isTerminal() || current.attempt() != u.attempt()) {
      log.debug(
          "update of training {} attempt {} ignored (job {} at attempt {})",
          u.trainingId(),
          u.attempt(),
          current.status(),
          current.attempt());
      // a worker still training a finished job, or an attempt given up on, stops
      if (current.status().isTerminal() || u.attempt() < current.attempt()) {
        events.publishEvent(
            new TrainingService.TrainingCancelled(
                u.trainingId(), current.status().isTerminal() ? null : current.attempt()));
      }
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    Timestamp lease = Timestamp.from(clock.instant().plus(settings.lease()));
    String provenance = u.provenance() == null ? null : json.writeValueAsString(u.provenance());
    // every live update renews the lease and marks the job RUNNING
    jdbc.sql(
            "update training_job set status = 'RUNNING', lease_deadline = :lease,"
                + " started_at = coalesce(started_at, :now), updated_at = :now,"
                + " provenance = coalesce(cast(:provenance as jsonb), provenance) where id = :id")
        .param("id", u.trainingId())
        .param("lease", lease)
        .param("now", now)
        .param("provenance", provenance)
        .update();
    switch (u.type()) {
      case HEARTBEAT -> {}
      case PROGRESS -> progress(u, now);
      case SUCCEEDED -> succeeded(u, now);
      case FAILED -> failed(u, current, now);
    }
  }

  private void progress(TrainingUpdate u, Timestamp now) {
    TrainingUpdate.Epoch e = u.epoch();
    // a resumed attempt repeats no epoch before its checkpoint; its epochs replace nothing else
    jdbc.sql(
            "insert into training_epoch (training_id, epoch, attempt, loss, train_accuracy,"
                + " validation_accuracy, spike_rate, learning_rate, elapsed_seconds, recorded_at)"
                + " values (:id, :epoch, :attempt, :loss, :train, :validation, :spikes, :lr,"
                + " :elapsed, :now) on conflict (training_id, epoch) do update set"
                + " attempt = excluded.attempt, loss = excluded.loss,"
                + " train_accuracy = excluded.train_accuracy,"
                + " validation_accuracy = excluded.validation_accuracy,"
                + " spike_rate = excluded.spike_rate, learning_rate = excluded.learning_rate,"
                + " elapsed_seconds = excluded.elapsed_seconds, recorded_at = excluded.recorded_at")
        .param("id", u.trainingId())
        .param("epoch", e.epoch())
        .param("attempt", u.attempt())
        .param("loss", e.loss())
        .param("train", e.trainAccuracy())
        .param("validation", e.validationAccuracy())
        .param("spikes", e.spikeRate())
        .param("lr", e.learningRate())
        .param("elapsed", e.elapsedSeconds())
        .param("now", now)
        .update();
    jdbc.sql(
            "update training_job set epochs_done = :epoch, elapsed_seconds = :elapsed,"
                + " eta_seconds = :eta, checkpoint = coalesce(:checkpoint, checkpoint),"
                + " checkpoint_epoch = case when :checkpoint is null then checkpoint_epoch"
                + " else :epoch end where id = :id")
        .param("id", u.trainingId())
        .param("epoch", e.epoch())
        .param("elapsed", e.elapsedSeconds())
        .param("eta", e.etaSeconds())
        .param("checkpoint", u.checkpoint() == null ? null : base64("checkpoint", u.checkpoint()))
        .update();
  }

  private void succeeded(TrainingUpdate u, Timestamp now) {
    TrainingUpdate.Outcome o = u.outcome();
    if (o.model() == null) {
      throw new UntakeableUpdateException("outcome.model is missing");
    }
    byte[] model = base64("outcome.model", o.model());
    jdbc.sql(
            "insert into model_artifact (training_id, content, sha256, created_at)"
                + " values (:id, :content, :sha, :now) on conflict (training_id) do nothing")
        .param("id", u.trainingId())
        .param("content", model)
        .param("sha", TrainingService.sha256(model))
        .param("now", now)
        .update();
    jdbc.sql(
            "update training_job set status = 'SUCCEEDED', dispatch_state = 'DONE',"
                + " lease_deadline = null, test_accuracy = :test, best_validation_accuracy = :val,"
                + " best_epoch = :best, parameter_count = :params, samples_per_second = :sps,"
                + " eta_seconds = null, checkpoint = null, finished_at = :now,"
                + " untrained_scores = cast(:untrained as jsonb) where id = :id")
        .param("id", u.trainingId())
        .param("test", o.testAccuracy())
        .param("val", o.bestValidationAccuracy())
        .param("best", o.bestEpoch())
        .param("params", o.parameterCount())
        .param("sps", o.samplesPerSecond())
        .param("untrained", o.untrained() == null ? null : json.writeValueAsString(o.untrained()))
        .param("now", now)
        .update();
    log.info(
        "training {} succeeded: test accuracy {} (best validation {} at epoch {})",
        u.trainingId(),
        o.testAccuracy(),
        o.bestValidationAccuracy(),
        o.bestEpoch());
  }

  private void failed(TrainingUpdate u, Current current, Timestamp now) {
    boolean retry = u.failure().retryable() && current.attempt() < settings.maxAttempts();
    if (retry) {
      jdbc.sql(
              "update training_job set attempt = attempt + 1, dispatch_state = 'PENDING',"
                  + " lease_deadline = null where id = :id")
          .param("id", u.trainingId())
          .update();
      log.warn(
          "training {} attempt {} failed ({}); trying again",
          u.trainingId(),
          u.attempt(),
          u.failure().message());
      return;
    }
    jdbc.sql(
            "update training_job set status = 'FAILED', dispatch_state = 'DONE',"
                + " lease_deadline = null, eta_seconds = null, error = :error, finished_at = :now"
                + " where id = :id")
        .param("id", u.trainingId())
        .param("error", u.failure().type() + ": " + u.failure().message())
        .param("now", now)
        .update();
    log.warn("training {} failed: {}", u.trainingId(), u.failure().message());
  }

  private static byte[] base64(String field, String value) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new UntakeableUpdateException(field + " is not valid base64: " + e.getMessage());
    }
  }

  private record Current(TrainingStatus status, int attempt, boolean started) {}

  /** An update that can never be taken in, with the reason to fail its training with. */
  static final class UntakeableUpdateException extends RuntimeException {
    UntakeableUpdateException(String message) {
      super(message);
    }
  }
}

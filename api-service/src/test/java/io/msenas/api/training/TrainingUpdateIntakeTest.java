package io.msenas.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.Channel;
import io.msenas.model.message.TrainingUpdate;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link TrainingUpdateIntake#onUpdate} does with a delivery when taking it in fails: a
 * transient database failure is requeued, anything else fails the training and is rejected without
 * requeue (an update that can never apply must not be redelivered forever).
 */
class TrainingUpdateIntakeTest {

  private static final long TAG = 42;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Channel channel = mock(Channel.class);
  private final List<TrainingUpdate> failed = new ArrayList<>();

  /** An intake whose {@code take} throws what {@code failure} gives, and which records failing. */
  private TrainingUpdateIntake intake(
      Supplier<RuntimeException> failure, Supplier<RuntimeException> failingFailure) {
    return new TrainingUpdateIntake(
        null,
        JSON,
        Clock.systemUTC(),
        mock(PlatformTransactionManager.class),
        new TrainingMessagingSettings("x", "t", "u", "c", Duration.ofMinutes(2), 3),
        mock(ApplicationEventPublisher.class)) {
      @Override
      void take(TrainingUpdate u) {
        if (failure != null) {
          throw failure.get();
        }
      }

      @Override
      void failUntakeable(TrainingUpdate u, RuntimeException cause) {
        failed.add(u);
        if (failingFailure != null) {
          throw failingFailure.get();
        }
      }
    };
  }

  private static Message message(String body) {
    MessageProperties properties = new MessageProperties();
    properties.setDeliveryTag(TAG);
    return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
  }

  private static Message heartbeat() {
    return message(
        JSON.writeValueAsString(
            new TrainingUpdate(
                TrainingUpdate.SCHEMA_VERSION,
                UUID.randomUUID(),
                1,
                TrainingUpdate.Type.HEARTBEAT,
                null,
                null,
                null,
                null,
                null)));
  }

  static List<RuntimeException> transientFailures() {
    return List.of(
        new CannotAcquireLockException("lock timeout"),
        new DeadlockLoserDataAccessException("deadlock", new SQLException()),
        new QueryTimeoutException("statement timeout"),
        new RecoverableDataAccessException("reconnected"),
        new CannotGetJdbcConnectionException("refused"),
        new DataAccessResourceFailureException("connection lost"),
        new CannotCreateTransactionException("no connection"));
  }

  static List<RuntimeException> permanentFailures() {
    return List.of(
        new TrainingUpdateIntake.UntakeableUpdateException("outcome.model is missing"),
        new IllegalArgumentException("Illegal base64 character 2d"),
        new NullPointerException(),
        new DataIntegrityViolationException("check constraint"));
  }

  @Test
  void aTakenUpdateIsAcknowledged() throws Exception {
    intake(null, null).onUpdate(heartbeat(), channel);
    verify(channel).basicAck(TAG, false);
    verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
    verify(channel, never()).basicReject(anyLong(), anyBoolean());
    assertThat(failed).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("transientFailures")
  void aTransientDatabaseFailureIsRequeuedAndFailsNothing(RuntimeException e) throws Exception {
    assertThat(TrainingUpdateIntake.isTransient(e)).isTrue();
    intake(() -> e, null).onUpdate(heartbeat(), channel);
    verify(channel).basicNack(TAG, false, true);
    verify(channel, never()).basicAck(anyLong(), anyBoolean());
    verify(channel, never()).basicReject(anyLong(), anyBoolean());
    assertThat(failed).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("permanentFailures")
  void anyOtherFailureFailsTheTrainingAndIsRejectedWithoutRequeue(RuntimeException e)
      throws Exception {
    assertThat(TrainingUpdateIntake.isTransient(e)).isFalse();
    intake(() -> e, null).onUpdate(heartbeat(), channel);
    verify(channel).basicReject(TAG, false);
    verify(channel, never()).basicNack(anyLong(), anyBoolean(), eq(true));
    verify(channel, never()).basicAck(anyLong(), anyBoolean());
    assertThat(failed).hasSize(1);
  }

  @Test
  void aTransientFailureWhileFailingTheTrainingRequeuesTheUpdate() throws Exception {
    // taken in again later, it fails the same way, and then the training is failed
    intake(
            () -> new IllegalArgumentException("bad base64"),
            () -> new CannotAcquireLockException("lock timeout"))
        .onUpdate(heartbeat(), channel);
    verify(channel).basicNack(TAG, false, true);
    verify(channel, never()).basicReject(anyLong(), anyBoolean());
    assertThat(failed).hasSize(1);
  }

  @Test
  void aTrainingThatCannotBeFailedStillLetsTheUpdateGo() throws Exception {
    intake(
            () -> new IllegalArgumentException("bad base64"),
            () -> new IllegalStateException("unexpected"))
        .onUpdate(heartbeat(), channel);
    verify(channel).basicReject(TAG, false);
    verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
  }

  @Test
  void anUnreadableUpdateIsRejectedWithoutRequeue() throws Exception {
    intake(null, null).onUpdate(message("{not json"), channel);
    verify(channel).basicReject(TAG, false);
    verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
    assertThat(failed).isEmpty();
  }
}

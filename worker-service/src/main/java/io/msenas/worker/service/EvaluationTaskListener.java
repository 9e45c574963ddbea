package io.msenas.worker.service;

import com.rabbitmq.client.Channel;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Consumes task messages with manual acknowledgement. Per delivery, exactly one of:
 *
 * <ul>
 *   <li>malformed body: {@code basicReject(requeue=false)}, which the broker dead-letters;
 *   <li>result published and confirmed: {@code basicAck};
 *   <li>result not confirmed: {@code basicNack(requeue=true)}, so that another delivery retries
 *       (the quorum queue's delivery limit bounds the retries, then dead-letters the task).
 * </ul>
 *
 * <p>The acknowledgement goes out only after the confirm: a task is never lost between the two, at
 * the price that a worker dying after the confirm and before the ack answers the task twice.
 */
final class EvaluationTaskListener implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(EvaluationTaskListener.class);

  /** Characters of a malformed body that go into the log. */
  static final int PREVIEW_CHARS = 200;

  private final MessageCodec codec;
  private final TaskEvaluation evaluation;
  private final ResultPublisher publisher;
  private final WorkerMetrics metrics;

  EvaluationTaskListener(
      MessageCodec codec,
      TaskEvaluation evaluation,
      ResultPublisher publisher,
      WorkerMetrics metrics) {
    this.codec = codec;
    this.evaluation = evaluation;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    MessageProperties properties = message.getMessageProperties();
    long tag = properties.getDeliveryTag();
    EvaluationTask task;
    try {
      task = codec.readTask(message.getBody());
    } catch (MalformedTaskException e) {
      log.warn(
          "Rejecting malformed task message (delivery tag {}, redelivered {}): {}; body starts: {}",
          tag,
          properties.isRedelivered(),
          e.getMessage(),
          MessageCodec.preview(message.getBody(), PREVIEW_CHARS));
      metrics.rejected();
      channel.basicReject(tag, false);
      return;
    }
    MDC.put("taskId", task.taskId().toString());
    MDC.put("jobId", task.jobId().toString());
    try {
      handle(task, tag, properties, channel);
    } catch (RuntimeException e) {
      // a bug, not a bad task: never leave the delivery unacknowledged on a live channel
      log.error("Unexpected failure handling task {}; requeueing it", task.taskId(), e);
      channel.basicNack(tag, false, true);
    } finally {
      MDC.remove("taskId");
      MDC.remove("jobId");
    }
  }

  private void handle(EvaluationTask task, long tag, MessageProperties properties, Channel channel)
      throws IOException {
    TaskEvaluation.Answer answer = evaluation.answer(task);
    EvaluationResult result = answer.result();
    try {
      publisher.publish(result, answer.cacheHit());
    } catch (ResultNotConfirmedException e) {
      metrics.unconfirmed();
      log.warn(
          "Requeueing task {} (delivery tag {}, delivery count {}): {}",
          task.taskId(),
          tag,
          deliveryCount(properties),
          e.getMessage());
      channel.basicNack(tag, false, true);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.info("Interrupted waiting for the confirm of task {}; requeueing it", task.taskId());
      channel.basicNack(tag, false, true);
      return;
    }
    channel.basicAck(tag, false);
    metrics.answered(result.outcome());
    if (result.outcome().isSuccessful()) {
      log.info(
          "Task {} individual {} attempt {}: SUCCEEDED score {} in {} ms{}",
          task.taskId(),
          task.individualId(),
          task.attempt(),
          result.score(),
          String.format(Locale.ROOT, "%.1f", result.timings().totalMs()),
          answer.cacheHit() ? " (cache hit)" : "");
    } else {
      log.info(
          "Task {} individual {} attempt {}: FAILED {} (retryable {}): {}",
          task.taskId(),
          task.individualId(),
          task.attempt(),
          result.failure().type(),
          result.failure().retryable(),
          result.failure().message());
    }
  }

  /** RabbitMQ quorum queues count deliveries in this header; absent on the first. */
  private static Object deliveryCount(MessageProperties properties) {
    Object count = properties.getHeader("x-delivery-count");
    return count == null ? 0 : count;
  }
}

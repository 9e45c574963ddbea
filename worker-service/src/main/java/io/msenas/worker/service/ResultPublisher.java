package io.msenas.worker.service;

import io.msenas.model.message.EvaluationResult;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a result and waits until the broker has taken responsibility for it: a persistent,
 * {@code mandatory} message on the results exchange, confirmed by the broker (publisher confirms)
 * and not returned as unroutable. Thread-safe.
 *
 * <p>Message: body the {@link EvaluationResult} JSON (UTF-8); content type {@code
 * application/json}; message id and correlation id the task id; type {@value #TYPE}; headers
 * {@value #SCHEMA_VERSION_HEADER} (int), {@value #OUTCOME_HEADER} ({@code SUCCEEDED} or {@code
 * FAILED}) and {@value #CACHE_HIT_HEADER} (boolean).
 */
final class ResultPublisher {

  static final String TYPE = "EvaluationResult";
  static final String SCHEMA_VERSION_HEADER = "schema-version";
  static final String OUTCOME_HEADER = "outcome";
  static final String CACHE_HIT_HEADER = "cache-hit";

  private final RabbitTemplate template;
  private final MessageCodec codec;
  private final String exchange;
  private final String routingKey;
  private final Duration confirmTimeout;

  /**
   * @param template a template on a connection factory with correlated publisher confirms and
   *     returns, {@code mandatory} set
   */
  ResultPublisher(
      RabbitTemplate template,
      MessageCodec codec,
      String exchange,
      String routingKey,
      Duration confirmTimeout) {
    this.template = template;
    this.codec = codec;
    this.exchange = exchange;
    this.routingKey = routingKey;
    this.confirmTimeout = confirmTimeout;
  }

  /**
   * Publishes and waits for the confirm.
   *
   * @throws ResultNotConfirmedException if the result may not be on the results queue
   * @throws InterruptedException if interrupted while waiting for the confirm (shutdown)
   */
  void publish(EvaluationResult result, boolean cacheHit)
      throws ResultNotConfirmedException, InterruptedException {
    String taskId = result.taskId().toString();
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding("UTF-8");
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(taskId);
    properties.setCorrelationId(taskId);
    properties.setType(TYPE);
    properties.setHeader(SCHEMA_VERSION_HEADER, result.schemaVersion());
    properties.setHeader(OUTCOME_HEADER, result.outcome().name());
    properties.setHeader(CACHE_HIT_HEADER, cacheHit);
    Message message = new Message(codec.writeResult(result), properties);

    CorrelationData correlation = new CorrelationData(taskId);
    try {
      template.send(exchange, routingKey, message, correlation);
    } catch (AmqpException e) {
      throw new ResultNotConfirmedException(
          "publishing the result of task " + taskId + " failed: " + e.getMessage(), e);
    }
    CorrelationData.Confirm confirm;
    try {
      confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ResultNotConfirmedException(
          "no confirm for the result of task " + taskId + " within " + confirmTimeout, e);
    } catch (ExecutionException e) {
      throw new ResultNotConfirmedException(
          "waiting for the confirm of task " + taskId + " failed: " + e.getCause(), e);
    }
    if (!confirm.ack()) {
      throw new ResultNotConfirmedException(
          "the broker nacked the result of task " + taskId + ": " + confirm.reason(), null);
    }
    // Spring AMQP sets a return before it completes the confirm future
    ReturnedMessage returned = correlation.getReturned();
    if (returned != null) {
      throw new ResultNotConfirmedException(
          "the result of task "
              + taskId
              + " was returned unroutable by exchange '"
              + returned.getExchange()
              + "' with routing key '"
              + returned.getRoutingKey()
              + "': "
              + returned.getReplyCode()
              + " "
              + returned.getReplyText(),
          null);
    }
  }
}

package io.msenas.api.dispatch;

import com.rabbitmq.client.Channel;
import io.msenas.api.metrics.ApiMetrics;
import io.msenas.api.search.SearchLifecycle;
import io.msenas.model.message.EvaluationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in worker results: one transaction per result, acknowledged only after it commits. An
 * unreadable message is rejected to the dead-letter queue and never stops the consumer; a transient
 * database failure requeues the message.
 */
@Component
class ResultListener {

  private static final Logger log = LoggerFactory.getLogger(ResultListener.class);

  private final SearchLifecycle lifecycle;
  private final JsonMapper json;
  private final ApiMetrics metrics;

  ResultListener(SearchLifecycle lifecycle, JsonMapper json, ApiMetrics metrics) {
    this.lifecycle = lifecycle;
    this.json = json;
    this.metrics = metrics;
  }

  @RabbitListener(
      id = "results",
      queues = "${mse-nas.messaging.result-queue:mse-nas.evaluation.results}",
      ackMode = "MANUAL",
      autoStartup = "${mse-nas.messaging.consume-results:true}")
  void onResult(Message message, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag)
      throws IOException {
    long start = System.nanoTime();
    EvaluationResult result;
    try {
      result = json.readValue(message.getBody(), EvaluationResult.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      String body = new String(message.getBody(), StandardCharsets.UTF_8);
      log.warn(
          "unreadable result (delivery {}) dead-lettered: {}; body starts {}",
          tag,
          e.getMessage(),
          body.substring(0, Math.min(200, body.length())));
      metrics.malformedResult();
      channel.basicReject(tag, false);
      return;
    }
    try {
      lifecycle.takeResult(result);
      channel.basicAck(tag, false);
    } catch (TransientDataAccessException e) {
      log.info(
          "transient failure taking in result for task {}; requeued: {}",
          result.taskId(),
          e.toString());
      channel.basicNack(tag, false, true);
    } catch (RuntimeException e) {
      log.error("result for task {} could not be taken in; dead-lettered", result.taskId(), e);
      channel.basicReject(tag, false);
    } finally {
      metrics.intake(Duration.ofNanos(System.nanoTime() - start));
    }
  }
}

package io.msenas.api.dispatch;

import com.rabbitmq.client.Channel;
import io.msenas.api.metrics.ApiMetrics;
import io.msenas.api.search.SearchLifecycle;
import io.msenas.model.message.EvaluationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in worker results in batches: the results that arrived together (up to {@code
 * mse-nas.messaging.intake-batch}) are taken in one transaction, which pays the commit (a WAL
 * flush) once, and acknowledged only after it commits. An unreadable message is rejected to the
 * dead-letter queue and never stops the consumer; a batch that fails is taken in again one result
 * at a time, so that one bad result cannot hold the others back; a transient database failure (a
 * lock timeout, a deadlock) requeues the message.
 */
@Component
class ResultListener {

  private static final Logger log = LoggerFactory.getLogger(ResultListener.class);

  private final SearchLifecycle lifecycle;
  private final JsonMapper json;
  private final ApiMetrics metrics;
  private final TransactionTemplate transactions;

  ResultListener(
      SearchLifecycle lifecycle,
      JsonMapper json,
      ApiMetrics metrics,
      PlatformTransactionManager transactionManager) {
    this.lifecycle = lifecycle;
    this.json = json;
    this.metrics = metrics;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** The batch listener container: manual acks, consumer-side batches with a short fill timeout. */
  @Configuration(proxyBeanMethods = false)
  static class ContainerConfiguration {
    @Bean
    SimpleRabbitListenerContainerFactory resultContainerFactory(
        ConnectionFactory connectionFactory, MessagingSettings messaging) {
      SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
      factory.setConnectionFactory(connectionFactory);
      factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
      factory.setPrefetchCount(messaging.prefetch());
      factory.setBatchListener(true);
      factory.setConsumerBatchEnabled(true);
      factory.setBatchSize(messaging.intakeBatch());
      factory.setReceiveTimeout(20L);
      return factory;
    }
  }

  @RabbitListener(
      id = "results",
      queues = "${mse-nas.messaging.result-queue:mse-nas.evaluation.results}",
      containerFactory = "resultContainerFactory",
      autoStartup = "${mse-nas.messaging.consume-results:true}")
  void onResults(List<Message> messages, Channel channel) throws IOException {
    long start = System.nanoTime();
    List<Delivery> readable = new ArrayList<>();
    for (Message message : messages) {
      long tag = message.getMessageProperties().getDeliveryTag();
      try {
        readable.add(new Delivery(tag, json.readValue(message.getBody(), EvaluationResult.class)));
      } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        log.warn(
            "unreadable result (delivery {}) dead-lettered: {}; body starts {}",
            tag,
            e.getMessage(),
            body.substring(0, Math.min(200, body.length())));
        metrics.malformedResult();
        channel.basicReject(tag, false);
      }
    }
    if (readable.isEmpty()) {
      return;
    }
    try {
      transactions.executeWithoutResult(
          status -> readable.forEach(d -> lifecycle.takeResult(d.result())));
      for (Delivery delivery : readable) {
        channel.basicAck(delivery.tag(), false);
      }
    } catch (RuntimeException batchFailure) {
      log.info(
          "batch of {} results failed ({}); taking them in one by one",
          readable.size(),
          batchFailure.toString());
      for (Delivery delivery : readable) {
        takeOne(delivery, channel);
      }
    } finally {
      Duration each = Duration.ofNanos((System.nanoTime() - start) / Math.max(1, messages.size()));
      for (int i = 0; i < messages.size(); i++) {
        metrics.intake(each);
      }
    }
  }

  private void takeOne(Delivery delivery, Channel channel) throws IOException {
    try {
      transactions.executeWithoutResult(status -> lifecycle.takeResult(delivery.result()));
      channel.basicAck(delivery.tag(), false);
    } catch (TransientDataAccessException e) {
      log.info(
          "transient failure taking in result for task {}; requeued: {}",
          delivery.result().taskId(),
          e.toString());
      channel.basicNack(delivery.tag(), false, true);
    } catch (RuntimeException e) {
      log.error(
          "result for task {} could not be taken in; dead-lettered", delivery.result().taskId(), e);
      channel.basicReject(delivery.tag(), false);
    }
  }

  private record Delivery(long tag, EvaluationResult result) {}
}

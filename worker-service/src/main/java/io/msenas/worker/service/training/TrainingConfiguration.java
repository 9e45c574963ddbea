package io.msenas.worker.service.training;

import io.msenas.model.message.TrainingQueues;
import io.msenas.worker.evaluation.Evaluator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's training side ({@code mse-nas.worker.training.enabled}, on by default): the training
 * topology (the same as the API service declares), the {@link TrainingWorker}, and this worker's
 * own queue on the control exchange, through which cancellations arrive.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "mse-nas.worker.training.enabled",
    havingValue = "true",
    matchIfMissing = true)
class TrainingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TrainingConfiguration.class);

  /** Tolerates fields a newer API adds to the messages, as the evaluation side does. */
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Bean
  TrainingQueues trainingQueues(
      @Value("${mse-nas.training-messaging.exchange:mse-nas.trainings}") String exchange,
      @Value("${mse-nas.training-messaging.task-queue:mse-nas.training.tasks}") String taskQueue,
      @Value("${mse-nas.training-messaging.update-queue:mse-nas.training.updates}")
          String updateQueue,
      @Value("${mse-nas.training-messaging.control-exchange:mse-nas.training.control}")
          String controlExchange,
      @Value("${mse-nas.messaging.quorum-queues:true}") boolean quorumQueues) {
    return new TrainingQueues(exchange, taskQueue, updateQueue, controlExchange, quorumQueues);
  }

  /**
   * This worker's own queue on the control exchange: exclusive, deleted with its connection, and
   * without arguments (a broker-generated-name queue would carry RabbitMQ-only ones).
   */
  @Bean
  Queue trainingControlQueue(TrainingQueues q) {
    return new Queue(q.controlExchange() + "." + UUID.randomUUID(), false, true, true);
  }

  @Bean
  Declarables trainingTopology(TrainingQueues q, Queue trainingControlQueue) {
    DirectExchange exchange = new DirectExchange(q.exchange(), true, false);
    FanoutExchange controlExchange = new FanoutExchange(q.controlExchange(), true, false);
    Queue tasks = new Queue(q.taskQueue(), true, false, false, q.queueArguments());
    Queue updates = new Queue(q.updateQueue(), true, false, false, q.queueArguments());
    return new Declarables(
        exchange,
        controlExchange,
        tasks,
        updates,
        BindingBuilder.bind(tasks).to(exchange).with(TrainingQueues.TASK_KEY),
        BindingBuilder.bind(updates).to(exchange).with(TrainingQueues.UPDATE_KEY),
        BindingBuilder.bind(trainingControlQueue).to(controlExchange));
  }

  @Bean
  TrainingWorker trainingWorker(
      ConnectionFactory connectionFactory,
      TrainingQueues queues,
      @Value("${mse-nas.worker.data-root:data}") String dataRoot,
      @Value("${mse-nas.worker.training.heartbeat:20s}") Duration heartbeat,
      @Value("${mse-nas.worker.training.idle-poll:1s}") Duration idlePoll) {
    RabbitTemplate template = new RabbitTemplate(connectionFactory);
    template.setMandatory(true);
    template.setUsePublisherConnection(true);
    template.setReturnsCallback(returned -> {});
    return new TrainingWorker(
        template,
        queues,
        JSON,
        new TrainingDataSource(Path.of(dataRoot)),
        new Evaluator(),
        heartbeat,
        idlePoll);
  }

  /**
   * Cancellations: {@code {"cancel": "<training id>"}} on the control exchange. A message that is
   * not one (not JSON, an id that is not a UUID) is dropped with a warning.
   */
  @Bean
  SimpleMessageListenerContainer trainingControlContainer(
      ConnectionFactory connectionFactory, Queue trainingControlQueue, TrainingWorker worker) {
    SimpleMessageListenerContainer container =
        new SimpleMessageListenerContainer(connectionFactory);
    container.setQueues(trainingControlQueue);
    container.setAcknowledgeMode(AcknowledgeMode.AUTO);
    // whatever still escapes the listener is dropped too: requeued, it would come back forever
    container.setDefaultRequeueRejected(false);
    container.setMessageListener(message -> cancel(worker, message));
    return container;
  }

  private static void cancel(TrainingWorker worker, Message message) {
    UUID trainingId;
    Integer attemptBelow;
    try {
      JsonNode body = JSON.readTree(message.getBody());
      if (!body.hasNonNull("cancel")) {
        return;
      }
      trainingId = UUID.fromString(body.get("cancel").asString());
      attemptBelow = body.hasNonNull("attemptBelow") ? body.get("attemptBelow").asInt() : null;
    } catch (RuntimeException e) {
      log.warn("control message dropped: {}", e.toString());
      return;
    }
    worker.cancel(trainingId, attemptBelow);
  }
}

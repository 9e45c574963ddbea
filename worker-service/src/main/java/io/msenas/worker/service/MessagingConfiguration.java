package io.msenas.worker.service;

import io.msenas.model.message.QueueTopology;
import java.util.Map;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker side: topology (declared by Spring Boot's {@link AmqpAdmin} when the first connection
 * opens), the confirming result publisher, and the task listener container.
 *
 * <pre>
 * taskExchange (direct) --routingKey--> taskQueue      (API publishes, workers consume)
 * resultExchange (direct) --routingKey--> resultQueue  (workers publish, API consumes)
 * deadLetterExchange (direct) --"task"--> taskDeadLetterQueue
 *                             --"result"--> resultDeadLetterQueue
 * </pre>
 *
 * All durable. The task and result queues carry {@code x-dead-letter-exchange} and {@code
 * x-dead-letter-routing-key} ("task", "result"), and with {@code quorum-queues} also {@code
 * x-queue-type: quorum} and {@code x-delivery-limit}; the dead-letter queues are classic queues
 * without arguments. The API service declares exactly the same, so that either may start first.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  @Bean
  Declarables evaluationTopology(MessagingProperties messaging) {
    DirectExchange tasks = durableDirect(messaging.taskExchange());
    DirectExchange results = durableDirect(messaging.resultExchange());
    DirectExchange deadLetters = durableDirect(messaging.deadLetterExchange());
    Queue taskQueue =
        new Queue(
            messaging.taskQueue(),
            true,
            false,
            false,
            queueArguments(messaging, MessagingProperties.DEAD_TASK_KEY));
    Queue resultQueue =
        new Queue(
            messaging.resultQueue(),
            true,
            false,
            false,
            queueArguments(messaging, MessagingProperties.DEAD_RESULT_KEY));
    Queue deadTasks = new Queue(messaging.taskDeadLetterQueue(), true, false, false);
    Queue deadResults = new Queue(messaging.resultDeadLetterQueue(), true, false, false);
    return new Declarables(
        tasks,
        results,
        deadLetters,
        taskQueue,
        resultQueue,
        deadTasks,
        deadResults,
        BindingBuilder.bind(taskQueue).to(tasks).with(messaging.routingKey()),
        BindingBuilder.bind(resultQueue).to(results).with(messaging.routingKey()),
        BindingBuilder.bind(deadTasks).to(deadLetters).with(MessagingProperties.DEAD_TASK_KEY),
        BindingBuilder.bind(deadResults).to(deadLetters).with(MessagingProperties.DEAD_RESULT_KEY));
  }

  /**
   * The arguments of the task and result queues: {@link QueueTopology}'s, shared with the API
   * service.
   */
  static Map<String, Object> queueArguments(MessagingProperties messaging, String deadLetterKey) {
    QueueTopology topology = messaging.topology();
    return QueueTopology.DEAD_TASK_KEY.equals(deadLetterKey)
        ? topology.taskQueueArguments()
        : topology.resultQueueArguments();
  }

  @Bean
  MessageCodec messageCodec() {
    return new MessageCodec();
  }

  /**
   * The results' own template: mandatory, on the connection factory's publisher connection (so that
   * a broker blocking publishers does not block the consumer), with correlated confirms.
   *
   * @throws IllegalStateException if the connection factory has no correlated confirms or no
   *     returns ({@code spring.rabbitmq.publisher-confirm-type: correlated}, {@code
   *     spring.rabbitmq.publisher-returns: true})
   */
  @Bean
  ResultPublisher resultPublisher(
      ConnectionFactory connectionFactory, MessageCodec codec, MessagingProperties messaging) {
    if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
      throw new IllegalStateException(
          "the worker needs spring.rabbitmq.publisher-confirm-type=correlated and"
              + " spring.rabbitmq.publisher-returns=true, was confirms "
              + connectionFactory.isPublisherConfirms()
              + ", returns "
              + connectionFactory.isPublisherReturns());
    }
    RabbitTemplate template = new RabbitTemplate(connectionFactory);
    template.setMandatory(true);
    template.setUsePublisherConnection(true);
    // the return reaches ResultPublisher through its CorrelationData; this only keeps the template
    // from warning that nobody listens
    template.setReturnsCallback(returned -> {});
    return new ResultPublisher(
        template,
        codec,
        messaging.resultExchange(),
        messaging.routingKey(),
        messaging.confirmTimeout());
  }

  @Bean
  EvaluationTaskListener evaluationTaskListener(
      MessageCodec codec,
      TaskEvaluation evaluation,
      ResultPublisher publisher,
      WorkerMetrics metrics) {
    return new EvaluationTaskListener(codec, evaluation, publisher, metrics);
  }

  /** Manual acknowledgement, bounded prefetch; started with the application context. */
  @Bean
  SimpleMessageListenerContainer evaluationTaskContainer(
      ConnectionFactory connectionFactory,
      AmqpAdmin admin,
      EvaluationTaskListener listener,
      MessagingProperties messaging) {
    SimpleMessageListenerContainer container =
        new SimpleMessageListenerContainer(connectionFactory);
    container.setQueueNames(messaging.taskQueue());
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    container.setPrefetchCount(messaging.prefetch());
    container.setConcurrentConsumers(messaging.concurrency());
    container.setDefaultRequeueRejected(false);
    container.setShutdownTimeout(messaging.shutdownTimeout().toMillis());
    // redeclare the topology if the queue disappears; fail rather than consume from a queue
    // declared with other arguments
    container.setAmqpAdmin(admin);
    container.setMismatchedQueuesFatal(true);
    container.setMessageListener(listener);
    return container;
  }

  private static DirectExchange durableDirect(String name) {
    return ExchangeBuilder.directExchange(name).durable(true).build();
  }
}

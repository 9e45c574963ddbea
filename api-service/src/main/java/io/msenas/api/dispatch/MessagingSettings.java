package io.msenas.api.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Broker topology shared with the workers ({@code mse-nas.messaging.*}); both services declare it
 * at start-up with identical arguments.
 *
 * @param taskExchange direct exchange the API publishes evaluation tasks to
 * @param taskQueue durable queue the workers consume
 * @param resultExchange direct exchange the workers publish results to
 * @param resultQueue durable queue the API consumes
 * @param routingKey routing key of evaluation tasks and results
 * @param deadLetterExchange where rejected and given-up messages go
 * @param taskDeadLetterQueue dead letters of evaluation tasks
 * @param resultDeadLetterQueue dead letters of unreadable results
 * @param quorumQueues declare quorum queues with a delivery limit (RabbitMQ; off for the embedded
 *     broker of {@code mse-nas run})
 * @param deliveryLimit deliveries of one task before the broker dead-letters it (quorum queues)
 * @param prefetch unacknowledged results per consumer
 * @param intakeBatch results taken in per transaction, at most
 * @param confirmTimeoutMs how long a publish waits for the broker's confirm
 */
@ConfigurationProperties("mse-nas.messaging")
public record MessagingSettings(
    @DefaultValue("mse-nas.tasks") String taskExchange,
    @DefaultValue("mse-nas.evaluation.tasks") String taskQueue,
    @DefaultValue("mse-nas.results") String resultExchange,
    @DefaultValue("mse-nas.evaluation.results") String resultQueue,
    @DefaultValue("evaluation") String routingKey,
    @DefaultValue("mse-nas.dead-letter") String deadLetterExchange,
    @DefaultValue("mse-nas.evaluation.tasks.dead") String taskDeadLetterQueue,
    @DefaultValue("mse-nas.evaluation.results.dead") String resultDeadLetterQueue,
    @DefaultValue("true") boolean quorumQueues,
    @DefaultValue("5") int deliveryLimit,
    @DefaultValue("50") int prefetch,
    @DefaultValue("32") int intakeBatch,
    @DefaultValue("10000") long confirmTimeoutMs) {

  /** The topology shared with the workers. */
  public io.msenas.model.message.QueueTopology topology() {
    return new io.msenas.model.message.QueueTopology(
        taskExchange,
        taskQueue,
        resultExchange,
        resultQueue,
        routingKey,
        deadLetterExchange,
        taskDeadLetterQueue,
        resultDeadLetterQueue,
        quorumQueues,
        deliveryLimit);
  }
}

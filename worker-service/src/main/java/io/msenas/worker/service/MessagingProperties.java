package io.msenas.worker.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tasks come from and results go: keys under {@code mse-nas.messaging}. The API service
 * declares the same topology from the same keys, so both must be given the same names and the same
 * {@code quorum-queues} and {@code delivery-limit}: RabbitMQ refuses to redeclare a queue with
 * other arguments. The connection itself (host, credentials) is Spring Boot's {@code
 * spring.rabbitmq.*}.
 *
 * @param taskExchange durable direct exchange the API publishes tasks to
 * @param taskQueue durable queue this worker consumes, bound to {@code taskExchange} with {@code
 *     routingKey}; dead-letters to {@code deadLetterExchange} with routing key {@value
 *     #DEAD_TASK_KEY}
 * @param resultExchange durable direct exchange this worker publishes results to
 * @param resultQueue durable queue bound to {@code resultExchange} with {@code routingKey},
 *     consumed by the API service; dead-letters with routing key {@value #DEAD_RESULT_KEY}
 * @param routingKey routing key of tasks and of results
 * @param deadLetterExchange durable direct exchange that receives rejected and over-delivered
 *     messages
 * @param taskDeadLetterQueue durable queue of dead tasks, bound to {@code deadLetterExchange} with
 *     {@value #DEAD_TASK_KEY}
 * @param resultDeadLetterQueue durable queue of dead results, bound to {@code deadLetterExchange}
 *     with {@value #DEAD_RESULT_KEY}
 * @param quorumQueues whether the task and result queues are quorum queues ({@code x-queue-type:
 *     quorum}) with {@code x-delivery-limit}; RabbitMQ only, so off for brokers without them (the
 *     embedded Qpid broker of {@code mse-nas run}). On by default, as in the API service: turn it
 *     off for both services together on a broker without them. Without it nothing bounds the
 *     redeliveries of a task whose result is never confirmed.
 * @param deliveryLimit deliveries of one message before the broker dead-letters it, {@code > 0};
 *     only with {@code quorumQueues}
 * @param prefetch unacknowledged tasks per consumer, {@code > 0}; 1 leaves the other tasks to other
 *     workers while this one is busy
 * @param concurrency consumers in this process, {@code > 0}; 1 because one evaluation already uses
 *     every core
 * @param confirmTimeout how long to wait for the broker's confirm of a result, {@code > 0}
 * @param shutdownTimeout how long shutdown waits for the evaluation in progress, {@code >= 0};
 *     after it the task goes back to the queue unacknowledged
 */
@ConfigurationProperties("mse-nas.messaging")
record MessagingProperties(
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
    @DefaultValue("1") int prefetch,
    @DefaultValue("1") int concurrency,
    @DefaultValue("10s") Duration confirmTimeout,
    @DefaultValue("60s") Duration shutdownTimeout) {

  /** Routing key of dead tasks on the dead-letter exchange (fixed; shared with the API). */
  static final String DEAD_TASK_KEY = "task";

  /** Routing key of dead results on the dead-letter exchange (fixed; shared with the API). */
  static final String DEAD_RESULT_KEY = "result";

  private static final String PREFIX = "mse-nas.messaging.";

  MessagingProperties {
    requireName(taskExchange, "task-exchange");
    requireName(taskQueue, "task-queue");
    requireName(resultExchange, "result-exchange");
    requireName(resultQueue, "result-queue");
    requireName(routingKey, "routing-key");
    requireName(deadLetterExchange, "dead-letter-exchange");
    requireName(taskDeadLetterQueue, "task-dead-letter-queue");
    requireName(resultDeadLetterQueue, "result-dead-letter-queue");
    requirePositive(deliveryLimit, "delivery-limit");
    requirePositive(prefetch, "prefetch");
    requirePositive(concurrency, "concurrency");
    if (confirmTimeout == null || confirmTimeout.isNegative() || confirmTimeout.isZero()) {
      throw new IllegalArgumentException(
          PREFIX + "confirm-timeout must be > 0, was " + confirmTimeout);
    }
    if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException(
          PREFIX + "shutdown-timeout must be >= 0, was " + shutdownTimeout);
    }
  }

  private static void requireName(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          PREFIX + key + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
    }
  }

  private static void requirePositive(int value, String key) {
    if (value <= 0) {
      throw new IllegalArgumentException(PREFIX + key + " must be > 0, was " + value);
    }
  }

  /** The topology shared with the API service. */
  io.msenas.model.message.QueueTopology topology() {
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

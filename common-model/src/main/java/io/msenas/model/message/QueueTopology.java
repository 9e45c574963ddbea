package io.msenas.model.message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The broker topology the API service and the workers share: exchange and queue names, and the
 * arguments of each queue. Both services declare every queue at start-up (so that neither loses a
 * message while the other is down), and a broker refuses a redeclaration with other arguments: so
 * both take the arguments from here.
 *
 * <pre>
 * taskExchange   --routingKey--> taskQueue    (dead letters: deadLetterExchange, key "task")
 * resultExchange --routingKey--> resultQueue  (dead letters: deadLetterExchange, key "result")
 * deadLetterExchange --"task"--> taskDeadLetterQueue, --"result"--> resultDeadLetterQueue
 * </pre>
 *
 * <p>With {@code quorumQueues} (RabbitMQ) every queue is a quorum queue and the task queue carries
 * a delivery limit, after which the broker dead-letters a task that keeps crashing its consumers;
 * off for brokers without quorum queues (the embedded broker of {@code mse-nas run}). Immutable.
 *
 * @param taskExchange direct exchange of evaluation tasks
 * @param taskQueue durable queue the workers consume
 * @param resultExchange direct exchange of evaluation results
 * @param resultQueue durable queue the API service consumes
 * @param routingKey routing key of tasks and results
 * @param deadLetterExchange direct exchange of rejected and given-up messages
 * @param taskDeadLetterQueue dead-lettered tasks
 * @param resultDeadLetterQueue dead-lettered results
 * @param quorumQueues declare quorum queues
 * @param deliveryLimit deliveries of one task before the broker dead-letters it (quorum queues)
 */
public record QueueTopology(
    String taskExchange,
    String taskQueue,
    String resultExchange,
    String resultQueue,
    String routingKey,
    String deadLetterExchange,
    String taskDeadLetterQueue,
    String resultDeadLetterQueue,
    boolean quorumQueues,
    int deliveryLimit) {

  /** Dead-letter routing key of tasks. */
  public static final String DEAD_TASK_KEY = "task";

  /** Dead-letter routing key of results. */
  public static final String DEAD_RESULT_KEY = "result";

  /** Validates the names and the limit. */
  public QueueTopology {
    Objects.requireNonNull(taskExchange, "taskExchange");
    Objects.requireNonNull(taskQueue, "taskQueue");
    Objects.requireNonNull(resultExchange, "resultExchange");
    Objects.requireNonNull(resultQueue, "resultQueue");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(deadLetterExchange, "deadLetterExchange");
    Objects.requireNonNull(taskDeadLetterQueue, "taskDeadLetterQueue");
    Objects.requireNonNull(resultDeadLetterQueue, "resultDeadLetterQueue");
    if (deliveryLimit < 1) {
      throw new IllegalArgumentException("deliveryLimit must be >= 1, was " + deliveryLimit);
    }
  }

  /** The default names, with quorum queues and a delivery limit of 5. */
  public static QueueTopology defaults() {
    return new QueueTopology(
        "mse-nas.tasks",
        "mse-nas.evaluation.tasks",
        "mse-nas.results",
        "mse-nas.evaluation.results",
        "evaluation",
        "mse-nas.dead-letter",
        "mse-nas.evaluation.tasks.dead",
        "mse-nas.evaluation.results.dead",
        true,
        5);
  }

  /** Arguments of the task queue. */
  public Map<String, Object> taskQueueArguments() {
    return deadLettering(DEAD_TASK_KEY);
  }

  /** Arguments of the result queue. */
  public Map<String, Object> resultQueueArguments() {
    return deadLettering(DEAD_RESULT_KEY);
  }

  /**
   * Arguments of the two dead-letter queues: none (classic queues; nothing consumes them
   * automatically).
   */
  public Map<String, Object> deadLetterQueueArguments() {
    return Map.of();
  }

  private Map<String, Object> deadLettering(String key) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("x-dead-letter-exchange", deadLetterExchange);
    args.put("x-dead-letter-routing-key", key);
    if (quorumQueues) {
      args.put("x-queue-type", "quorum");
      args.put("x-delivery-limit", deliveryLimit);
    }
    return args;
  }
}

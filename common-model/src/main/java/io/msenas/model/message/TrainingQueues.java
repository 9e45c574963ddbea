package io.msenas.model.message;

import java.util.Map;
import java.util.Objects;

/**
 * The broker topology of trainings, shared by the API service and the workers (each declares it at
 * start-up with these arguments):
 *
 * <pre>
 * exchange --"task"-->   taskQueue    (workers take tasks one at a time with basic.get)
 * exchange --"update"--> updateQueue  (the API takes heartbeats, epochs, results)
 * controlExchange (fanout) --> one exclusive queue per worker (cancellations)
 * </pre>
 *
 * <p>A worker acknowledges a training task as soon as it has reported that it started: trainings
 * run for hours, longer than a broker lets a delivery stay unacknowledged. The API's lease, renewed
 * by the heartbeats, notices a lost worker and sends the training again with its last checkpoint.
 *
 * @param exchange durable direct exchange of tasks and updates
 * @param taskQueue durable queue of training tasks
 * @param updateQueue durable queue of training updates
 * @param controlExchange durable fanout exchange of cancellations
 * @param quorumQueues declare the two queues as RabbitMQ quorum queues
 */
public record TrainingQueues(
    String exchange,
    String taskQueue,
    String updateQueue,
    String controlExchange,
    boolean quorumQueues) {

  /** Routing key of training tasks. */
  public static final String TASK_KEY = "task";

  /** Routing key of training updates. */
  public static final String UPDATE_KEY = "update";

  /** Validates the names. */
  public TrainingQueues {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(taskQueue, "taskQueue");
    Objects.requireNonNull(updateQueue, "updateQueue");
    Objects.requireNonNull(controlExchange, "controlExchange");
  }

  /** Arguments of the task and update queues. */
  public Map<String, Object> queueArguments() {
    return quorumQueues ? Map.of("x-queue-type", "quorum") : Map.of();
  }
}

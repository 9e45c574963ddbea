package io.msenas.api.dispatch;

import java.util.HashMap;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the exchanges and queues at start-up (idempotent; the workers declare the same ones with
 * the same arguments). Tasks and results are durable and persistent; rejected messages go to
 * dead-letter queues, keyed {@code task} and {@code result} on the dead-letter exchange.
 */
@Configuration(proxyBeanMethods = false)
class MessagingTopology {

  static final String DEAD_TASK_KEY = "task";
  static final String DEAD_RESULT_KEY = "result";

  @Bean
  Declarables messagingDeclarables(MessagingSettings s) {
    DirectExchange tasks = new DirectExchange(s.taskExchange(), true, false);
    DirectExchange results = new DirectExchange(s.resultExchange(), true, false);
    DirectExchange deadLetters = new DirectExchange(s.deadLetterExchange(), true, false);
    Queue taskQueue =
        new Queue(s.taskQueue(), true, false, false, queueArguments(s, DEAD_TASK_KEY));
    Queue resultQueue =
        new Queue(s.resultQueue(), true, false, false, queueArguments(s, DEAD_RESULT_KEY));
    Queue deadTasks = new Queue(s.taskDeadLetterQueue(), true, false, false);
    Queue deadResults = new Queue(s.resultDeadLetterQueue(), true, false, false);
    Binding taskBinding = BindingBuilder.bind(taskQueue).to(tasks).with(s.routingKey());
    Binding resultBinding = BindingBuilder.bind(resultQueue).to(results).with(s.routingKey());
    Binding deadTaskBinding = BindingBuilder.bind(deadTasks).to(deadLetters).with(DEAD_TASK_KEY);
    Binding deadResultBinding =
        BindingBuilder.bind(deadResults).to(deadLetters).with(DEAD_RESULT_KEY);
    return new Declarables(
        tasks,
        results,
        deadLetters,
        taskQueue,
        resultQueue,
        deadTasks,
        deadResults,
        taskBinding,
        resultBinding,
        deadTaskBinding,
        deadResultBinding);
  }

  /** Queue arguments; both services must declare a queue with exactly these. */
  static Map<String, Object> queueArguments(MessagingSettings s, String deadLetterKey) {
    Map<String, Object> args = new HashMap<>();
    args.put("x-dead-letter-exchange", s.deadLetterExchange());
    args.put("x-dead-letter-routing-key", deadLetterKey);
    if (s.quorumQueues()) {
      args.put("x-queue-type", "quorum");
      args.put("x-delivery-limit", s.deliveryLimit());
    }
    return args;
  }
}

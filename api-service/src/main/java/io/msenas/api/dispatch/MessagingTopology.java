package io.msenas.api.dispatch;

import io.msenas.model.message.QueueTopology;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the exchanges and queues at start-up, with the arguments of {@link QueueTopology} (the
 * workers declare the same ones with the same arguments). Durable, persistent; rejected messages go
 * to the dead-letter queues.
 */
@Configuration(proxyBeanMethods = false)
class MessagingTopology {

  @Bean
  Declarables messagingDeclarables(MessagingSettings settings) {
    QueueTopology t = settings.topology();
    DirectExchange tasks = new DirectExchange(t.taskExchange(), true, false);
    DirectExchange results = new DirectExchange(t.resultExchange(), true, false);
    DirectExchange deadLetters = new DirectExchange(t.deadLetterExchange(), true, false);
    Queue taskQueue = new Queue(t.taskQueue(), true, false, false, t.taskQueueArguments());
    Queue resultQueue = new Queue(t.resultQueue(), true, false, false, t.resultQueueArguments());
    Queue deadTasks =
        new Queue(t.taskDeadLetterQueue(), true, false, false, t.deadLetterQueueArguments());
    Queue deadResults =
        new Queue(t.resultDeadLetterQueue(), true, false, false, t.deadLetterQueueArguments());
    return new Declarables(
        tasks,
        results,
        deadLetters,
        taskQueue,
        resultQueue,
        deadTasks,
        deadResults,
        BindingBuilder.bind(taskQueue).to(tasks).with(t.routingKey()),
        BindingBuilder.bind(resultQueue).to(results).with(t.routingKey()),
        BindingBuilder.bind(deadTasks).to(deadLetters).with(QueueTopology.DEAD_TASK_KEY),
        BindingBuilder.bind(deadResults).to(deadLetters).with(QueueTopology.DEAD_RESULT_KEY));
  }
}

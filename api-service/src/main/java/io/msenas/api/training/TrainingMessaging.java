package io.msenas.api.training;

import io.msenas.model.message.TrainingQueues;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the training topology of {@link TrainingQueues} (the workers declare the same). */
@Configuration(proxyBeanMethods = false)
class TrainingMessaging {

  @Bean
  TrainingQueues trainingQueues(
      TrainingMessagingSettings names,
      @Value("${mse-nas.messaging.quorum-queues:true}") boolean quorumQueues) {
    return new TrainingQueues(
        names.exchange(),
        names.taskQueue(),
        names.updateQueue(),
        names.controlExchange(),
        quorumQueues);
  }

  @Bean
  Declarables trainingDeclarables(TrainingQueues q) {
    DirectExchange exchange = new DirectExchange(q.exchange(), true, false);
    FanoutExchange control = new FanoutExchange(q.controlExchange(), true, false);
    Queue tasks = new Queue(q.taskQueue(), true, false, false, q.queueArguments());
    Queue updates = new Queue(q.updateQueue(), true, false, false, q.queueArguments());
    return new Declarables(
        exchange,
        control,
        tasks,
        updates,
        BindingBuilder.bind(tasks).to(exchange).with(TrainingQueues.TASK_KEY),
        BindingBuilder.bind(updates).to(exchange).with(TrainingQueues.UPDATE_KEY));
  }
}

package io.msenas.api.dispatch;

import io.msenas.api.search.TaskDeadLettered;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Puts the task of an evaluation that gave up on the dead-letter queue, with the reason, after
 * commit.
 */
@Component
class DeadLetterPublisher {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  private final RabbitTemplate rabbit;
  private final MessagingSettings messaging;

  DeadLetterPublisher(RabbitTemplate rabbit, MessagingSettings messaging) {
    this.rabbit = rabbit;
    this.messaging = messaging;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void onGiveUp(TaskDeadLettered event) {
    try {
      MessageProperties properties = new MessageProperties();
      properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
      properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
      properties.setHeader("x-mse-nas-failure", event.reason());
      rabbit.send(
          messaging.deadLetterExchange(),
          io.msenas.model.message.QueueTopology.DEAD_TASK_KEY,
          new Message(event.payload().getBytes(StandardCharsets.UTF_8), properties));
    } catch (RuntimeException e) {
      // the individual is already marked failed in the database; the queue copy is for operators
      log.warn("could not dead-letter a failed task: {}", e.toString());
    }
  }
}

package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The topology is a contract with the API service, which declares the same exchanges, queues and
 * arguments: RabbitMQ refuses a redeclaration with other arguments, so these are spelled out.
 */
class MessagingTopologyTest {

  @Test
  void withoutQuorumQueuesTheQueuesCarryOnlyTheirDeadLetterArguments() {
    Declarables topology = topology(Map.of("mse-nas.messaging.quorum-queues", "false"));

    assertThat(queue(topology, "mse-nas.evaluation.tasks").getArguments())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "x-dead-letter-exchange", "mse-nas.dead-letter",
                "x-dead-letter-routing-key", "task"));
    assertThat(queue(topology, "mse-nas.evaluation.results").getArguments())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "x-dead-letter-exchange", "mse-nas.dead-letter",
                "x-dead-letter-routing-key", "result"));
    assertThat(queue(topology, "mse-nas.evaluation.tasks.dead").getArguments()).isEmpty();
    assertThat(queue(topology, "mse-nas.evaluation.results.dead").getArguments()).isEmpty();
  }

  @Test
  void withQuorumQueuesTheTaskAndResultQueuesAreQuorumQueuesWithADeliveryLimit() {
    Declarables topology =
        topology(
            Map.of(
                "mse-nas.messaging.quorum-queues",
                "true",
                "mse-nas.messaging.delivery-limit",
                "3"));

    for (String name : new String[] {"mse-nas.evaluation.tasks", "mse-nas.evaluation.results"}) {
      assertThat(queue(topology, name).getArguments())
          .containsEntry("x-queue-type", "quorum")
          .containsEntry("x-delivery-limit", 3)
          .containsEntry("x-dead-letter-exchange", "mse-nas.dead-letter")
          .hasSize(4);
    }
    assertThat(queue(topology, "mse-nas.evaluation.tasks.dead").getArguments()).isEmpty();
  }

  @Test
  void everythingIsDurableAndBoundByTheConfiguredKeys() {
    Declarables topology = topology(Map.of());

    assertThat(topology.getDeclarablesByType(DirectExchange.class))
        .extracting(DirectExchange::getName)
        .containsExactlyInAnyOrder("mse-nas.tasks", "mse-nas.results", "mse-nas.dead-letter");
    assertThat(topology.getDeclarablesByType(DirectExchange.class))
        .allMatch(e -> e.isDurable() && !e.isAutoDelete());
    assertThat(topology.getDeclarablesByType(Queue.class))
        .allMatch(q -> q.isDurable() && !q.isAutoDelete() && !q.isExclusive());
    assertThat(topology.getDeclarablesByType(Binding.class))
        .extracting(b -> b.getExchange() + " -" + b.getRoutingKey() + "-> " + b.getDestination())
        .containsExactlyInAnyOrder(
            "mse-nas.tasks -evaluation-> mse-nas.evaluation.tasks",
            "mse-nas.results -evaluation-> mse-nas.evaluation.results",
            "mse-nas.dead-letter -task-> mse-nas.evaluation.tasks.dead",
            "mse-nas.dead-letter -result-> mse-nas.evaluation.results.dead");
  }

  private static Declarables topology(Map<String, String> properties) {
    MessagingProperties messaging =
        new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("mse-nas.messaging", MessagingProperties.class);
    return new MessagingConfiguration().evaluationTopology(messaging);
  }

  private static Queue queue(Declarables topology, String name) {
    return topology.getDeclarablesByType(Queue.class).stream()
        .filter(q -> q.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no queue " + name));
  }
}

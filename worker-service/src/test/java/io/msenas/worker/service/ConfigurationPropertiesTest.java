package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConfigurationPropertiesTest {

  @Test
  void messagingDefaults() {
    MessagingProperties messaging =
        bind(Map.of()).bindOrCreate("mse-nas.messaging", MessagingProperties.class);

    assertThat(messaging.taskExchange()).isEqualTo("mse-nas.tasks");
    assertThat(messaging.taskQueue()).isEqualTo("mse-nas.evaluation.tasks");
    assertThat(messaging.resultExchange()).isEqualTo("mse-nas.results");
    assertThat(messaging.resultQueue()).isEqualTo("mse-nas.evaluation.results");
    assertThat(messaging.routingKey()).isEqualTo("evaluation");
    assertThat(messaging.deadLetterExchange()).isEqualTo("mse-nas.dead-letter");
    assertThat(messaging.taskDeadLetterQueue()).isEqualTo("mse-nas.evaluation.tasks.dead");
    assertThat(messaging.resultDeadLetterQueue()).isEqualTo("mse-nas.evaluation.results.dead");
    assertThat(messaging.quorumQueues()).isTrue();
    assertThat(messaging.deliveryLimit()).isEqualTo(5);
    assertThat(messaging.prefetch()).isEqualTo(1);
    assertThat(messaging.concurrency()).isEqualTo(1);
    assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(messaging.shutdownTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void workerDefaultsAndKebabCaseKeys() {
    assertThat(bind(Map.of()).bindOrCreate("mse-nas.worker", WorkerProperties.class))
        .isEqualTo(new WorkerProperties(FitnessMode.RDM, 256));

    WorkerProperties noop =
        bind(Map.of("mse-nas.worker.fitness-mode", "noop", "mse-nas.worker.cache-size", "0"))
            .bindOrCreate("mse-nas.worker", WorkerProperties.class);

    assertThat(noop).isEqualTo(new WorkerProperties(FitnessMode.NOOP, 0));
  }

  @Test
  void kebabCaseKeysBindDurationsAndSwitches() {
    MessagingProperties messaging =
        bind(Map.of(
                "mse-nas.messaging.quorum-queues", "false",
                "mse-nas.messaging.task-dead-letter-queue", "dead",
                "mse-nas.messaging.confirm-timeout", "1500ms"))
            .bindOrCreate("mse-nas.messaging", MessagingProperties.class);

    assertThat(messaging.quorumQueues()).isFalse();
    assertThat(messaging.taskDeadLetterQueue()).isEqualTo("dead");
    assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void badValuesFailNamingTheKeyAndTheValue() {
    assertThatThrownBy(
            () ->
                bind(Map.of("mse-nas.messaging.prefetch", "0"))
                    .bindOrCreate("mse-nas.messaging", MessagingProperties.class))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessage("mse-nas.messaging.prefetch must be > 0, was 0");
    assertThatThrownBy(
            () ->
                bind(Map.of("mse-nas.worker.cache-size", "-1"))
                    .bindOrCreate("mse-nas.worker", WorkerProperties.class))
        .rootCause()
        .hasMessage("mse-nas.worker.cache-size must be >= 0, was -1");
  }

  private static Binder bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties));
  }
}

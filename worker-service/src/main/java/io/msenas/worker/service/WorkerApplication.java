package io.msenas.worker.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The worker service: consumes evaluation tasks from RabbitMQ, scores them with the engine and
 * publishes the results. Configuration: {@link MessagingProperties} ({@code mse-nas.messaging}),
 * {@link WorkerProperties} ({@code mse-nas.worker}) and Spring Boot's {@code spring.rabbitmq.*};
 * metrics on {@code /actuator/prometheus} (port {@code server.port}, 8081).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

  /**
   * Starts the worker.
   *
   * @param args Spring Boot command-line arguments ({@code --key=value})
   */
  public static void main(String[] args) {
    try {
      SpringApplication.run(WorkerApplication.class, args);
    } catch (RuntimeException e) {
      // Spring Boot has logged why; the AMQP client's leftover non-daemon threads must not keep a
      // worker that failed to start (say, a queue declared with other arguments) alive
      System.exit(1);
    }
  }
}

package io.msenas.worker.service;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
   * The worker reads {@code worker.yml}, not {@code application.yml}: the API service and the
   * workers can then run in one JVM ({@code mse-nas run}, integration tests) without one's settings
   * shadowing the other's on the shared classpath. The config name must come from the command line
   * (or a system property): default properties are read too late to choose config files.
   */
  public static final String CONFIG_NAME_ARGUMENT = "--spring.config.name=worker";

  /** {@code args} with {@link #CONFIG_NAME_ARGUMENT} first, unless they name a config already. */
  public static String[] arguments(String... args) {
    for (String arg : args) {
      if (arg.startsWith("--spring.config.name=")) {
        return args;
      }
    }
    String[] all = new String[args.length + 1];
    all[0] = CONFIG_NAME_ARGUMENT;
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  /**
   * Starts the worker.
   *
   * @param args Spring Boot command-line arguments ({@code --key=value})
   */
  public static void main(String[] args) {
    try {
      new SpringApplicationBuilder(WorkerApplication.class).run(arguments(args));
    } catch (RuntimeException e) {
      // Spring Boot has logged why; the AMQP client's leftover non-daemon threads must not keep a
      // worker that failed to start (say, a queue declared with other arguments) alive
      System.exit(1);
    }
  }
}

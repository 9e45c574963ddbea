package io.msenas.cli.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J, in-memory stores), listening on 127.0.0.1
 * with the user guest/guest: the RabbitMQ client, publisher confirms and the services' topology
 * work against it unchanged, except for RabbitMQ's quorum queues and delivery limits, which the
 * services switch off for it ({@code mse-nas.messaging.quorum-queues=false}).
 */
public final class EmbeddedBroker implements AutoCloseable {

  /** The broker's configuration: one plain-auth port, one in-memory virtual host as default. */
  private static final String CONFIGURATION =
      """
      {
        "name": "mse-nas-embedded",
        "modelVersion": "8.0",
        "authenticationproviders": [{
          "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
          "users": [{"name": "guest", "type": "managed", "password": "guest"}]
        }],
        "ports": [{
          "name": "AMQP", "port": "${qpid.amqp_port}", "bindingAddress": "127.0.0.1",
          "protocols": ["AMQP_0_9_1"], "authenticationProvider": "plain",
          "virtualhostaliases": [{"name": "defaultAlias", "type": "defaultAlias"}]
        }],
        "virtualhostnodes": [{
          "name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
          "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
        }]
      }
      """;

  private final SystemLauncher launcher;
  private final int port;
  private final Path workDirectory;

  private EmbeddedBroker(SystemLauncher launcher, int port, Path workDirectory) {
    this.launcher = launcher;
    this.port = port;
    this.workDirectory = workDirectory;
  }

  /**
   * Starts a broker on the given port.
   *
   * @param port a free TCP port on 127.0.0.1
   * @return the running broker
   * @throws IllegalStateException if it does not start (the port taken, say)
   */
  public static EmbeddedBroker start(int port) {
    Path work;
    Path config;
    Path systemProperties;
    try {
      work = Files.createTempDirectory("mse-nas-broker");
      config = Files.writeString(work.resolve("broker.json"), CONFIGURATION);
      // Qpid reads its default system properties from a classpath: URL, a scheme only its own
      // launcher registers: give it an empty file instead
      systemProperties = Files.writeString(work.resolve("system.properties"), "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded broker's folder", e);
    }
    Map<String, String> context = new HashMap<>();
    context.put("qpid.amqp_port", Integer.toString(port));
    context.put("qpid.work_dir", work.toString());
    // RabbitMQ's dead-letter arguments (x-dead-letter-exchange) are accepted and ignored: a task
    // a worker rejects is dropped, not dead-lettered; the API's lease and max-attempts still mark
    // such an individual failed
    context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
    // no preferences file
    context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("type", "Memory");
    attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
    attributes.put(
        SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString());
    attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
    attributes.put("context", context);
    AtomicReference<Object> container = new AtomicReference<>();
    SystemLauncher launcher =
        new SystemLauncher(
            new SystemLauncherListener.DefaultSystemLauncherListener() {
              @Override
              public void onContainerResolve(SystemConfig<?> systemConfig) {
                container.set(systemConfig.getContainer());
              }
            });
    try {
      launcher.startup(attributes);
      removeShutdownHook(container.get());
      return new EmbeddedBroker(launcher, port, work);
    } catch (Exception e) {
      launcher.shutdown();
      Folders.deleteQuietly(work);
      throw new IllegalStateException(
          "the embedded AMQP broker did not start on port " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * The broker registers a JVM shutdown hook that stops it at once on SIGINT or SIGTERM, while the
   * services still need it to save an interrupted run: the CLI stops the broker itself, last but
   * one. Qpid offers no switch for the hook, so it is taken out by its field.
   */
  private static void removeShutdownHook(Object broker) {
    if (broker == null) {
      return;
    }
    for (Class<?> type = broker.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("_shutdownHook");
        field.setAccessible(true);
        if (field.get(broker) instanceof Thread hook) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
        return;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        // keep the hook: Ctrl-C then stops the broker early, and the run is saved less completely
        return;
      }
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    launcher.shutdown();
    Folders.deleteQuietly(workDirectory);
  }
}

package io.msenas.cli.embedded;

import io.msenas.api.ApiApplication;
import io.msenas.worker.service.WorkerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything a search needs, in this JVM: an embedded PostgreSQL, an embedded AMQP broker, the API
 * service and N worker services. The services are the deployed applications with their own
 * configuration files; only addresses (and the quorum-queue switch the embedded broker needs)
 * differ. Closed in reverse order of start.
 */
public final class LocalStack implements AutoCloseable {

  private final List<AutoCloseable> started = new ArrayList<>();
  private ConfigurableApplicationContext api;
  private int apiPort;

  private static final String SPRING_LOGGING_SYSTEM =
      "org.springframework.boot.logging.LoggingSystem";

  /** The file to create once the stack has started (set by the {@code mse-nas} launcher). */
  static final String CLASS_ARCHIVE_READY = "msenas.cds.ready";

  private LocalStack() {}

  /**
   * Starts the database, the broker, the API on {@code apiPort} (0: any free port) and {@code
   * workers} worker consumers.
   *
   * @param apiPort the API's HTTP port, 0 for any
   * @param workers worker consumers, at least 1
   * @param progress told each step as it starts
   * @return the running stack
   * @throws IllegalStateException naming the part that did not start; what had started is stopped
   */
  public static LocalStack start(int apiPort, int workers, Consumer<String> progress) {
    takeOverLogging();
    LocalStack stack = new LocalStack();
    ExecutorService starter = Executors.newFixedThreadPool(2);
    List<Future<?>> pending = new ArrayList<>();
    try {
      // independent parts start side by side: the database with the broker, then the API with the
      // workers (which need only the broker)
      progress.accept("starting PostgreSQL and the AMQP broker");
      Future<EmbeddedDatabase> databaseStart = starter.submit(EmbeddedDatabase::start);
      Future<EmbeddedBroker> brokerStart =
          starter.submit(() -> EmbeddedBroker.start(Folders.freePort()));
      pending.add(databaseStart);
      pending.add(brokerStart);
      EmbeddedBroker broker = stack.keep(brokerStart);
      EmbeddedDatabase database = stack.keep(databaseStart);

      Map<String, Object> shared = new LinkedHashMap<>();
      shared.put("spring.datasource.url", database.jdbcUrl());
      shared.put("spring.datasource.username", "postgres");
      shared.put("spring.datasource.password", "");
      shared.put("spring.rabbitmq.host", "127.0.0.1");
      shared.put("spring.rabbitmq.port", broker.port());
      shared.put("spring.rabbitmq.username", "guest");
      shared.put("spring.rabbitmq.password", "guest");
      // the embedded broker has no quorum queues nor delivery limits
      shared.put("mse-nas.messaging.quorum-queues", false);
      shared.put("spring.main.banner-mode", "off");

      progress.accept(
          "starting the API service and " + workers + (workers == 1 ? " worker" : " workers"));
      Map<String, Object> apiProperties = new LinkedHashMap<>(shared);
      apiProperties.put("server.port", apiPort);
      apiProperties.put("server.address", "127.0.0.1");
      Future<ConfigurableApplicationContext> apiStart =
          starter.submit(
              () -> run(new SpringApplicationBuilder(ApiApplication.class), apiProperties, false));
      Map<String, Object> workerProperties = new LinkedHashMap<>(shared);
      // embedded workers need no web server for their actuator endpoints, and stop promptly
      workerProperties.put("spring.main.web-application-type", "none");
      workerProperties.put("mse-nas.messaging.shutdown-timeout", "10s");
      Future<List<ConfigurableApplicationContext>> workersStart =
          starter.submit(
              () -> {
                List<ConfigurableApplicationContext> started = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                  started.add(
                      run(
                          new SpringApplicationBuilder(WorkerApplication.class),
                          workerProperties,
                          true));
                }
                return started;
              });
      pending.add(apiStart);
      pending.add(workersStart);
      stack.api = stack.keep(apiStart);
      stack.keep(workersStart);
      stack.apiPort = ((WebServerApplicationContext) stack.api).getWebServer().getPort();
      markClassArchiveWorthKeeping();
      return stack;
    } catch (RuntimeException e) {
      // what started beside the part that failed is stopped too
      for (Future<?> part : pending) {
        try {
          stack.keep(part);
        } catch (RuntimeException alsoFailed) {
          // the part that failed first throws the same exception again
          if (alsoFailed != e) {
            e.addSuppressed(alsoFailed);
          }
        }
      }
      stack.close();
      throw e;
    } finally {
      starter.shutdown();
    }
  }

  /**
   * Tells the {@code mse-nas} launcher that the class-data archive this JVM records at exit holds
   * the classes of a started stack, by creating the file the system property {@value
   * #CLASS_ARCHIVE_READY} names (the launcher sets it when it records one). An archive from a run
   * that stopped earlier (a bad flag, a port in use) would hold only a few classes, and later runs
   * would map it instead of recording a useful one.
   */
  private static void markClassArchiveWorthKeeping() {
    String marker = System.getProperty(CLASS_ARCHIVE_READY);
    if (marker == null || marker.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(marker), "");
    } catch (IOException | RuntimeException e) {
      // only start-up time is at stake: the launcher records the archive again next time
      LoggerFactory.getLogger(LocalStack.class).debug("could not mark the class-data archive", e);
    }
  }

  /**
   * Logging is this process's, set up once (cli's logback.xml), not each embedded service's: Spring
   * Boot would set it up again in the API and in every worker, and two of them starting side by
   * side raced in logback (a ConcurrentModificationException failed a start; or two appenders on
   * the root logger printed every warning twice). java.util.logging (Tomcat) is bridged into
   * logback as Spring Boot would have done.
   */
  private static synchronized void takeOverLogging() {
    if (System.getProperty(SPRING_LOGGING_SYSTEM) == null) {
      System.setProperty(SPRING_LOGGING_SYSTEM, "none");
    }
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** Waits for a part, and keeps it to be closed with the stack (an AutoCloseable or a list). */
  private <T> T keep(Future<T> start) {
    T part;
    try {
      part = start.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      start.cancel(true);
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r
          ? r
          : new IllegalStateException(cause.getMessage(), cause);
    }
    if (part instanceof AutoCloseable closeable && !started.contains(closeable)) {
      started.add(closeable);
    } else if (part instanceof List<?> parts) {
      for (Object each : parts) {
        if (each instanceof AutoCloseable closeable && !started.contains(closeable)) {
          started.add(closeable);
        }
      }
    }
    return part;
  }

  /** Base URL of the API service, e.g. {@code http://127.0.0.1:8080}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  public int apiPort() {
    return apiPort;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // keep stopping the rest
      }
    }
    started.clear();
  }

  private static ConfigurableApplicationContext run(
      SpringApplicationBuilder builder, Map<String, Object> properties, boolean worker) {
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    // the CLI decides when the services stop (after Ctrl-C it still needs them to save the run)
    builder.registerShutdownHook(false);
    return builder.run(worker ? WorkerApplication.arguments(args) : args);
  }
}

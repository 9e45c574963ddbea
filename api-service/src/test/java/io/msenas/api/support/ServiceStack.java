package io.msenas.api.support;

import io.msenas.api.ApiApplication;
import io.msenas.worker.service.WorkerApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real services in one JVM for integration tests: API replicas and worker consumers, sharing
 * the real PostgreSQL (database {@code test}) and the real RabbitMQ, with queue names unique to
 * this stack so that concurrent or leftover runs never meet. Where they run: {@code
 * MSE_NAS_DB_HOST} and {@code MSE_NAS_RABBITMQ_HOST} (default 127.0.0.1), as on the project's CI
 * machines.
 */
public final class ServiceStack implements AutoCloseable {

  private final String prefix = "it" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Object> shared = new HashMap<>();
  private final List<ConfigurableApplicationContext> apis = new ArrayList<>();
  private final List<ConfigurableApplicationContext> workers = new ArrayList<>();

  public ServiceStack(Map<String, Object> extra) {
    String db = env("MSE_NAS_DB_HOST", "127.0.0.1");
    shared.put(
        "spring.datasource.url",
        "jdbc:postgresql://"
            + db
            + ":5432/"
            + env("MSE_NAS_DB_NAME", "test")
            + "?reWriteBatchedInserts=true");
    shared.put("spring.datasource.username", "postgres");
    shared.put("spring.rabbitmq.host", env("MSE_NAS_RABBITMQ_HOST", "127.0.0.1"));
    shared.put("mse-nas.messaging.task-exchange", prefix + ".tasks");
    shared.put("mse-nas.messaging.task-queue", prefix + ".evaluation.tasks");
    shared.put("mse-nas.messaging.result-exchange", prefix + ".results");
    shared.put("mse-nas.messaging.result-queue", prefix + ".evaluation.results");
    shared.put("mse-nas.messaging.dead-letter-exchange", prefix + ".dead-letter");
    shared.put("mse-nas.messaging.task-dead-letter-queue", prefix + ".evaluation.tasks.dead");
    shared.put("mse-nas.messaging.result-dead-letter-queue", prefix + ".evaluation.results.dead");
    shared.put("mse-nas.training-messaging.exchange", prefix + ".trainings");
    shared.put("mse-nas.training-messaging.task-queue", prefix + ".training.tasks");
    shared.put("mse-nas.training-messaging.update-queue", prefix + ".training.updates");
    shared.put("mse-nas.training-messaging.control-exchange", prefix + ".training.control");
    shared.put("spring.main.banner-mode", "off");
    shared.putAll(extra);
  }

  /** Empties every table of the search schema (the schema exists once one API has started). */
  public void cleanDatabase() {
    // the services' own timers touch these tables too: retry when the truncate meets them
    for (int attempt = 1; ; attempt++) {
      try {
        jdbc()
            .execute(
                "truncate search_job, individual, lineage, generation, evaluation_task,"
                    + " fitness_cache, training_job, training_epoch, model_artifact, study_job"
                    + " cascade");
        return;
      } catch (org.springframework.dao.DataAccessException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** Starts one more API replica on a random port. */
  public ConfigurableApplicationContext startApi(Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>(shared);
    properties.put("server.port", 0);
    properties.putAll(extra);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ApiApplication.class).run(commandLine(properties));
    apis.add(context);
    return context;
  }

  /** Starts one more worker consumer (actuator on a random port). */
  public ConfigurableApplicationContext startWorker(Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>(shared);
    properties.put("server.port", 0);
    properties.putAll(extra);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(WorkerApplication.class)
            .run(WorkerApplication.arguments(commandLine(properties)));
    workers.add(context);
    return context;
  }

  public String apiUrl(int replica) {
    int port = ((WebServerApplicationContext) apis.get(replica)).getWebServer().getPort();
    return "http://127.0.0.1:" + port;
  }

  public List<ConfigurableApplicationContext> apis() {
    return apis;
  }

  public List<ConfigurableApplicationContext> workers() {
    return workers;
  }

  public JdbcTemplate jdbc() {
    return apis.get(0).getBean(JdbcTemplate.class);
  }

  public String prefix() {
    return prefix;
  }

  /** Messages waiting in one of this stack's queues, by suffix (e.g. ".evaluation.tasks.dead"). */
  public long queueDepth(String suffix) {
    var info = apis.get(0).getBean(AmqpAdmin.class).getQueueInfo(prefix + suffix);
    return info == null ? -1 : info.getMessageCount();
  }

  @Override
  public void close() {
    workers.forEach(ConfigurableApplicationContext::close);
    if (!apis.isEmpty()) {
      // stop the API's consumers first: a running listener container declares a deleted queue again
      apis.forEach(api -> api.getBean(RabbitListenerEndpointRegistry.class).stop());
      // the broker keeps durable queues: remove this stack's, so runs do not pile them up
      AmqpAdmin admin = apis.get(0).getBean(AmqpAdmin.class);
      for (String queue :
          List.of(
              ".evaluation.tasks",
              ".evaluation.results",
              ".evaluation.tasks.dead",
              ".evaluation.results.dead",
              ".training.tasks",
              ".training.updates")) {
        admin.deleteQueue(prefix + queue);
      }
      for (String exchange :
          List.of(".tasks", ".results", ".dead-letter", ".trainings", ".training.control")) {
        admin.deleteExchange(prefix + exchange);
      }
    }
    apis.forEach(ConfigurableApplicationContext::close);
  }

  /** Properties as command-line arguments: they outrank the services' own config files. */
  private static String[] commandLine(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

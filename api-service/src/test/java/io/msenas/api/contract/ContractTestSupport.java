package io.msenas.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running server on a random port, against the real PostgreSQL (database {@code test}) and the
 * real RabbitMQ, with broker names unique to this test run (deleted when the context closes). No
 * worker runs, so searches keep their tasks queued. Every table a search writes is emptied before
 * each test.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties =
        "spring.datasource.url=jdbc:postgresql://${MSE_NAS_DB_HOST:127.0.0.1}:${MSE_NAS_DB_PORT:5432}/${MSE_NAS_DB_NAME:test}")
@Import(BrokerCleanup.class)
abstract class ContractTestSupport {

  /** Prefix of this run's exchanges and queues. */
  static final String RUN = "contract-it-" + UUID.randomUUID().toString().substring(0, 8);

  static final Map<String, String> BROKER_NAMES =
      Map.of(
          "task-exchange", RUN + ".tasks",
          "task-queue", RUN + ".evaluation.tasks",
          "result-exchange", RUN + ".results",
          "result-queue", RUN + ".evaluation.results",
          "dead-letter-exchange", RUN + ".dead-letter",
          "task-dead-letter-queue", RUN + ".evaluation.tasks.dead",
          "result-dead-letter-queue", RUN + ".evaluation.results.dead");

  /** This run's training exchanges and queues ({@code mse-nas.training-messaging.*}). */
  static final Map<String, String> TRAINING_NAMES =
      Map.of(
          "exchange", RUN + ".trainings",
          "task-queue", RUN + ".training.tasks",
          "update-queue", RUN + ".training.updates",
          "control-exchange", RUN + ".training.control");

  static final List<String> TABLES =
      List.of(
          "search_job",
          "individual",
          "lineage",
          "generation",
          "evaluation_task",
          "fitness_cache",
          "training_job",
          "training_epoch",
          "model_artifact");

  @DynamicPropertySource
  static void brokerNames(DynamicPropertyRegistry registry) {
    BROKER_NAMES.forEach((key, name) -> registry.add("mse-nas.messaging." + key, () -> name));
    TRAINING_NAMES.forEach(
        (key, name) -> registry.add("mse-nas.training-messaging." + key, () -> name));
  }

  static final JsonMapper JSON = JsonMapper.builder().build();

  final OpenApiContract contract = OpenApiContract.get();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @LocalServerPort int port;

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void emptyTables() {
    jdbc.execute("truncate table " + String.join(", ", TABLES) + " cascade");
  }

  /** A response as the client saw it. */
  record Reply(String method, String path, int status, HttpResponse<String> raw) {

    String body() {
      return raw.body();
    }

    /** The media type without parameters, lower case; null without a Content-Type. */
    String mediaType() {
      return raw.headers()
          .firstValue("Content-Type")
          .map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT))
          .orElse(null);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    JsonNode json() {
      return JSON.readTree(raw.body());
    }

    @Override
    public String toString() {
      return method + " " + path + " -> " + status + " " + mediaType() + " " + raw.body();
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Sends a request; {@code headers} are name, value pairs. */
  Reply send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json, application/problem+json");
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(method, path, response.statusCode(), response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply post(String path, String json, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("POST", path, json, all);
  }

  /**
   * Asserts that a reply is what {@code openapi.yaml} declares for {@code method template} at its
   * status: the status is declared, the content type is one it lists, the body validates against
   * that content's schema, and required response headers are present. Returns the parsed body (null
   * for a non-JSON body).
   */
  JsonNode conforms(Reply reply, String template) {
    String pointer = contract.responsePointer(reply.method(), template, reply.status());
    assertThat(pointer)
        .as(
            "openapi.yaml declares status %d for %s %s; reply: %s",
            reply.status(), reply.method(), template, reply)
        .isNotNull();
    JsonNode response = contract.node(pointer);
    JsonNode content = response.get("content");
    JsonNode parsed = null;
    if (content == null) {
      assertThat(reply.body()).as("no body declared: %s", reply).isEmpty();
    } else {
      String mediaType = reply.mediaType();
      assertThat(mediaType)
          .as("content type of %s", reply)
          .isIn(content.propertyNames().stream().toList());
      String schemaPointer = pointer + "/content/" + OpenApiContract.escape(mediaType) + "/schema";
      if (mediaType.endsWith("json")) {
        parsed = reply.json();
        assertThat(OpenApiContract.errors(contract.schema(schemaPointer), parsed))
            .as("body of %s against %s", reply, schemaPointer)
            .isEmpty();
      }
    }
    JsonNode declaredHeaders = response.get("headers");
    if (declaredHeaders != null) {
      for (var header : declaredHeaders.properties()) {
        JsonNode spec = header.getValue();
        if (spec.has("$ref")) {
          spec = contract.node(spec.get("$ref").asString().substring(1));
        }
        if (spec.path("required").asBoolean(false)) {
          assertThat(reply.header(header.getKey()))
              .as("header %s of %s", header.getKey(), reply)
              .isNotNull();
        }
      }
    }
    return parsed;
  }

  long rows(String table) {
    Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
    return count == null ? 0 : count;
  }
}

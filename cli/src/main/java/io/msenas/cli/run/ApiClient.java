package io.msenas.cli.run;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST calls the CLI makes to the API service (openapi.yaml), with JSON bodies as trees. A
 * reply outside 2xx is an {@link ApiException} carrying the problem's detail; so is no reply at all
 * (status 0), saying why.
 */
public final class ApiClient {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final JsonMapper json;
  private final String baseUrl;

  /**
   * A non-2xx reply: status and the problem+json detail (or the raw body); or, with status 0, no
   * reply: the service could not be reached or the connection failed.
   */
  public static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status, or 0 when the service did not answer. */
    public int status() {
      return status;
    }

    /** Whether the service answered (with an error): false when it could not be reached. */
    public boolean answered() {
      return status != 0;
    }

    /** One line for the user: what the service answered, or why there was no answer. */
    public String describe() {
      return answered() ? "the API service answered " + status + ": " + getMessage() : getMessage();
    }
  }

  public ApiClient(String baseUrl, JsonMapper json) {
    this.baseUrl = baseUrl;
    this.json = json;
  }

  /** {@code POST /v1/searches}. */
  public JsonNode submitSearch(JsonNode body) throws InterruptedException {
    return send("POST", "/v1/searches", json.writeValueAsString(body));
  }

  public JsonNode search(String id) throws InterruptedException {
    return send("GET", "/v1/searches/" + id, null);
  }

  public JsonNode cancel(String id) throws InterruptedException {
    return send("POST", "/v1/searches/" + id + "/cancel", null);
  }

  public JsonNode generations(String id) throws InterruptedException {
    return send("GET", "/v1/searches/" + id + "/generations", null);
  }

  public JsonNode individual(String id, String individualId) throws InterruptedException {
    return send("GET", "/v1/searches/" + id + "/individuals/" + individualId, null);
  }

  public JsonNode lineage(String id) throws InterruptedException {
    return send("GET", "/v1/searches/" + id + "/lineage", null);
  }

  public JsonNode paretoFront(String id) throws InterruptedException {
    return send("GET", "/v1/searches/" + id + "/pareto-front", null);
  }

  /** {@code POST /v1/studies}. */
  public JsonNode submitStudy(JsonNode body) throws InterruptedException {
    return send("POST", "/v1/studies", json.writeValueAsString(body));
  }

  public JsonNode study(String id) throws InterruptedException {
    return send("GET", "/v1/studies/" + id, null);
  }

  public JsonNode cancelStudy(String id) throws InterruptedException {
    return send("POST", "/v1/studies/" + id + "/cancel", null);
  }

  /** {@code POST /v1/trainings}. */
  public JsonNode submitTraining(JsonNode body) throws InterruptedException {
    return send("POST", "/v1/trainings", json.writeValueAsString(body));
  }

  public JsonNode training(String id) throws InterruptedException {
    return send("GET", "/v1/trainings/" + id, null);
  }

  public JsonNode cancelTraining(String id) throws InterruptedException {
    return send("POST", "/v1/trainings/" + id + "/cancel", null);
  }

  /** {@code GET /v1/trainings/{id}/model}: the model's bytes. */
  public byte[] model(String id) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/trainings/" + id + "/model"))
            .timeout(Duration.ofSeconds(120))
            .header("Accept", "application/octet-stream, application/problem+json")
            .GET()
            .build();
    try {
      HttpResponse<byte[]> reply = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (reply.statusCode() != 200) {
        throw new ApiException(reply.statusCode(), "the model of training " + id + " is not there");
      }
      return reply.body();
    } catch (IOException e) {
      throw noAnswer("GET", "/v1/trainings/" + id + "/model", e);
    }
  }

  /** Every individual of a search, best first, across pages. */
  public List<JsonNode> individuals(String id) throws InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode reply =
          send("GET", "/v1/searches/" + id + "/individuals?size=500&page=" + page, null);
      reply.get("items").forEach(all::add);
      if (page + 1 >= reply.get("totalPages").asInt()) {
        return all;
      }
    }
  }

  private JsonNode send(String method, String path, String body) throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> reply;
    try {
      reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw noAnswer(method, path, e);
    }
    if (reply.statusCode() / 100 != 2) {
      String detail = reply.body();
      try {
        JsonNode problem = json.readTree(reply.body());
        if (problem.hasNonNull("detail")) {
          detail = problem.get("detail").asString();
        }
      } catch (RuntimeException notJson) {
        // keep the raw body
      }
      throw new ApiException(reply.statusCode(), detail);
    }
    return json.readTree(reply.body());
  }

  /**
   * No reply to a request: the service could not be reached (nothing listening, an unknown host, a
   * connect time-out), or the connection failed once made. The JDK's HTTP client often leaves the
   * messages of these empty, so the reason is found along the causes.
   */
  private ApiException noAnswer(String method, String path, IOException e) {
    boolean connecting = false;
    String reason = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return new ApiException(
            0, "cannot reach " + baseUrl + ": unknown host " + URI.create(baseUrl).getHost());
      }
      connecting |= t instanceof ConnectException || t instanceof HttpConnectTimeoutException;
      if (reason == null && t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage();
      }
    }
    if (connecting) {
      return new ApiException(
          0, "cannot reach " + baseUrl + ": " + (reason != null ? reason : "connection refused"));
    }
    return new ApiException(
        0,
        "no answer from "
            + baseUrl
            + " to "
            + method
            + " "
            + path
            + ": "
            + (reason != null ? reason : e.getClass().getSimpleName()));
  }
}

package io.msenas.api.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /v1/searches/{id}/events}: a smoke search streamed live to its end. */
class SearchEventsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ServiceStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** One Server-Sent Event: its name and its data parsed as JSON. */
  record Event(String name, JsonNode data) {}

  @Test
  void aSearchIsStreamedFromItsCurrentStateToItsEnd() throws Exception {
    stack =
        new ServiceStack(
            Map.of("mse-nas.worker.fitness-mode", "noop", "mse-nas.events.poll-interval", "200ms"));
    stack.startApi(Map.of());
    stack.cleanDatabase();
    String base = stack.apiUrl(0);
    Http http = new Http(base);
    String id =
        http.post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":21}")
            .json()
            .get("id")
            .asString();
    int generations = http.get("/v1/searches/" + id).json().get("spec").get("generations").asInt();

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<Stream<String>> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/searches/" + id + "/events"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");

    // the worker starts only now, so that the stream sees the search run
    CompletableFuture<List<Event>> read =
        CompletableFuture.supplyAsync(() -> events(response.body().iterator()));
    stack.startWorker(Map.of());
    // the stream must end by itself once the search has: the read completes only at its close
    List<Event> events = read.get(2, TimeUnit.MINUTES);

    assertThat(events).isNotEmpty();
    assertThat(events.get(0).name()).isEqualTo("progress");
    assertThat(events.get(0).data().get("id").asString()).isEqualTo(id);
    Event last = events.get(events.size() - 1);
    assertThat(last.name()).as("last of %s", events).isEqualTo("end");
    assertThat(last.data().get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(events.stream().filter(e -> e.name().equals("end"))).hasSize(1);

    List<Integer> numbers =
        events.stream()
            .filter(e -> e.name().equals("generation"))
            .map(e -> e.data().get("number").asInt())
            .toList();
    List<Integer> expected = new ArrayList<>();
    for (int g = 0; g < generations; g++) {
      expected.add(g);
    }
    assertThat(numbers).as("generation events in order").isEqualTo(expected);
    JsonNode polled = http.get("/v1/searches/" + id + "/generations").json();
    assertThat(events.stream().filter(e -> e.name().equals("generation")).map(Event::data).toList())
        .as("the same JSON as /generations")
        .isEqualTo(toList(polled));

    int done = -1;
    int progressEvents = 0;
    for (Event e : events) {
      if (e.name().equals("progress")) {
        progressEvents++;
        int now = e.data().get("progress").get("evaluationsDone").asInt();
        assertThat(now).as("evaluationsDone never decreases").isGreaterThanOrEqualTo(done);
        done = now;
      }
    }
    assertThat(progressEvents).as("progress events").isPositive();
    assertThat(last.data().get("progress").get("evaluationsDone").asInt())
        .isEqualTo(last.data().get("progress").get("evaluationsTotal").asInt());

    // a finished search: its current state, its generations and end, then the stream closes
    HttpResponse<String> again =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/searches/" + id + "/events"))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<Event> replay = events(again.body().lines().iterator());
    assertThat(replay.get(0).name()).isEqualTo("progress");
    assertThat(replay.get(replay.size() - 1).name()).isEqualTo("end");
    assertThat(replay.stream().filter(e -> e.name().equals("generation"))).hasSize(generations);
  }

  @Test
  void anUnknownSearchIs404ProblemJson() throws Exception {
    stack = new ServiceStack(Map.of());
    stack.startApi(Map.of());
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.apiUrl(0) + "/v1/searches/" + UUID.randomUUID() + "/events"))
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("type").asString())
        .isEqualTo("https://mse-nas.io/problems/not-found");
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  /** Parses Server-Sent Events until the stream closes; comment lines are skipped. */
  private static List<Event> events(Iterator<String> lines) {
    List<Event> events = new ArrayList<>();
    String name = null;
    StringBuilder data = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (name != null || !data.isEmpty()) {
          events.add(new Event(name == null ? "message" : name, JSON.readTree(data.toString())));
        }
        name = null;
        data.setLength(0);
      } else if (line.startsWith(":")) {
        continue;
      } else if (line.startsWith("event:")) {
        name = line.substring("event:".length()).trim();
      } else if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(line.substring("data:".length()).stripLeading());
      }
    }
    return events;
  }
}

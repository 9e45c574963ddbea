package io.msenas.api.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/trainings} with an inline genome whose cell count or search-space version the
 * genome classes would refuse: a 400 naming the field, never a 500, and nothing stored.
 */
class TrainingValidationIT {

  private static ServiceStack stack;
  private static Http http;

  @BeforeAll
  static void start() {
    stack = new ServiceStack(Map.of());
    stack.startApi(Map.of());
    http = new Http(stack.apiUrl(0));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** Extra fields, the version (as JSON), and the field to name with its value (as JSON). */
  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("\"cells\":3", "\"mse-v1\"", "cells", "3"),
        Arguments.of("\"cells\":65", "\"mse-v1\"", "cells", "65"),
        Arguments.of("\"cells\":0", "\"mse-v1\"", "cells", "0"),
        Arguments.of("\"preset\":\"smoke\"", "\"\"", "genome.searchSpaceVersion", "\"\""),
        Arguments.of("\"preset\":\"smoke\"", "\"  \"", "genome.searchSpaceVersion", "\"  \""),
        Arguments.of("\"cells\":65", "\"\"", "cells", "65"),
        Arguments.of("\"cells\":65", "\"\"", "genome.searchSpaceVersion", "\"\""));
  }

  @ParameterizedTest(name = "{0}, version {1}: names {2}")
  @MethodSource("badRequests")
  void aBadCellCountOrVersionIs400NamingItAndStoresNothing(
      String extra, String version, String field, String value) {
    // a seed no other training has marks what this request would have stored
    long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    String body =
        "{\"genome\":{\"searchSpaceVersion\":"
            + version
            + ",\"genes\":[0]},"
            + extra
            + ",\"seed\":"
            + seed
            + "}";
    Http.Response reply = http.post("/v1/trainings", body);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://mse-nas.io/problems/invalid-training-spec");
    List<String> named = new ArrayList<>();
    for (JsonNode error : problem.get("errors")) {
      if (field.equals(error.get("field").asString())) {
        named.add(error.get("value").toString());
      }
    }
    assertThat(named).as("errors of %s", problem).containsExactly(value);
    assertThat(
            stack
                .jdbc()
                .queryForObject(
                    "select count(*) from training_job where (spec ->> 'seed')::bigint = ?",
                    Long.class,
                    seed))
        .isZero();
  }
}

package io.msenas.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Query values of the search listings that reached the database or the repository as they were, and
 * failed there with a 500: a page whose offset overflows an int is now a 400 naming {@code page},
 * as any other bad query value is; an empty {@code status} beside others is ignored, as a lone
 * empty one (or an empty {@code page} or {@code size}) always was.
 */
class SearchListingIT {

  private static ServiceStack stack;
  private static Http http;
  private static String searchId;
  private static String cancelledId;

  @BeforeAll
  static void start() {
    stack = new ServiceStack(Map.of());
    stack.startApi(Map.of());
    http = new Http(stack.apiUrl(0));
    // no worker: the search stays RUNNING with its generation 0 listed (the quick preset's space
    // is too large for the shared fitness cache to score a random seed's networks)
    searchId = submit();
    cancelledId = submit();
    Http.Response cancel = http.post("/v1/searches/" + cancelledId + "/cancel", "");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
  }

  static String submit() {
    long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    Http.Response created =
        http.post(
            "/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"quick\",\"seed\":" + seed + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** The listing (with {id} for the search), the query, and the parameter and value to name. */
  static Stream<Arguments> badQueries() {
    String individuals = "/v1/searches/{id}/individuals";
    return Stream.of(
        Arguments.of("/v1/searches", "page=1073741824&size=2", "page", "1073741824"),
        Arguments.of("/v1/searches", "page=4294968", "page", "4294968"),
        Arguments.of("/v1/searches", "page=2147483647&size=500", "page", "2147483647"),
        Arguments.of(individuals, "page=1073741824&size=2", "page", "1073741824"),
        Arguments.of(individuals, "page=4294968&size=1", "page", "4294968"));
  }

  @ParameterizedTest(name = "{0}?{1}")
  @MethodSource("badQueries")
  void aBadQueryValueIs400NamingIt(String listing, String query, String field, String value) {
    Http.Response reply = http.get(listing.replace("{id}", searchId) + "?" + query);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://mse-nas.io/problems/invalid-parameter");
    List<String> named = new ArrayList<>();
    for (JsonNode error : problem.get("errors")) {
      if (field.equals(error.get("field").asString())) {
        named.add(error.get("value").asString());
      }
    }
    assertThat(named).as("errors of %s", problem).containsExactly(value);
  }

  @Test
  void thePageMessageSaysWhatIsValid() {
    JsonNode page = http.get("/v1/searches?page=1073741824&size=2").json();
    assertThat(page.get("errors").get(0).get("message").asString())
        .endsWith("must be in [0, " + SearchService.MAX_PAGE + "]");
  }

  /** The listed searches' ids and statuses (newest first, up to 500) for a query. */
  static Map<String, String> listed(String query) {
    Http.Response reply = http.get("/v1/searches?size=500&" + query);
    assertThat(reply.status()).as("?%s: %s", query, reply.body()).isEqualTo(200);
    Map<String, String> listed = new LinkedHashMap<>();
    reply
        .json()
        .get("items")
        .forEach(item -> listed.put(item.get("id").asString(), item.get("status").asString()));
    return listed;
  }

  @Test
  void anEmptyStatusIsIgnoredAsAnEmptyPageOrSizeIs() {
    // a lone empty value already meant "no filter", as ?page= and ?size= mean the default
    assertThat(http.get("/v1/searches?page=&size=").json().get("size").asInt()).isEqualTo(20);
    for (String query : List.of("status=", "status=&status=")) {
      assertThat(listed(query)).as(query).containsKeys(searchId, cancelledId);
    }
    for (String query :
        List.of("status=RUNNING&status=", "status=&status=RUNNING", "status=,RUNNING")) {
      Map<String, String> running = listed(query);
      assertThat(running).as(query).containsKey(searchId).doesNotContainKey(cancelledId);
      assertThat(running.values()).as(query).containsOnly("RUNNING");
    }
  }

  @Test
  void validStatusesStillFilter() {
    Map<String, String> open = listed("status=RUNNING&status=QUEUED");
    assertThat(open).containsKey(searchId).doesNotContainKey(cancelledId);
    assertThat(open.values()).containsAnyOf("RUNNING").isSubsetOf("RUNNING", "QUEUED");
    assertThat(listed("status=CANCELLED")).containsKey(cancelledId).doesNotContainKey(searchId);
  }
}

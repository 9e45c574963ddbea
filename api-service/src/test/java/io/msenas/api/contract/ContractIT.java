package io.msenas.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.api.search.SearchSpec;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.LayerSpikeRate;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.Rdm;
import io.msenas.model.message.Timings;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Real HTTP calls to every endpoint of openapi.yaml; each response is held to the status codes,
 * content types, headers and schemas the contract declares.
 */
class ContractIT extends ContractTestSupport {

  static final String SEARCHES = "/v1/searches";
  static final String SEARCH = "/v1/searches/{id}";
  static final String CANCEL = "/v1/searches/{id}/cancel";
  static final String GENERATIONS = "/v1/searches/{id}/generations";
  static final String INDIVIDUALS = "/v1/searches/{id}/individuals";
  static final String INDIVIDUAL = "/v1/searches/{id}/individuals/{individualId}";
  static final String LINEAGE = "/v1/searches/{id}/lineage";
  static final String WINNER = "/v1/searches/{id}/winner";
  static final String FRONT = "/v1/searches/{id}/pareto-front";
  static final String TRAININGS = "/v1/trainings";
  static final String STUDIES = "/v1/studies";

  static final String PROBLEMS = "https://mse-nas.io/problems/";

  // ---------------------------------------------------------------- helpers

  /** {@code {"dataset":"mnist","preset":"smoke"}} plus name, value pairs. */
  static String smoke(Object... overrides) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dataset", "mnist");
    body.put("preset", "smoke");
    for (int i = 0; i < overrides.length; i += 2) {
      body.put((String) overrides[i], overrides[i + 1]);
    }
    return JSON.writeValueAsString(body);
  }

  /** Submits a search that must be created (201), and returns it. */
  JsonNode create(String body, String... headers) {
    Reply reply = post(SEARCHES, body, headers);
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    return conforms(reply, SEARCHES);
  }

  static String path(String template, Object... ids) {
    String path = template;
    for (Object id : ids) {
      int open = path.indexOf('{');
      if (open < 0) {
        break;
      }
      int close = path.indexOf('}', open);
      path = path.substring(0, open) + id + path.substring(close + 1);
    }
    return path;
  }

  Reply getAt(String template, Object... ids) {
    return get(path(template, ids));
  }

  /** GETs a path (with an optional query) and asserts the reply conforms; returns the body. */
  JsonNode ok(String template, String query, Object... ids) {
    Reply reply = get(path(template, ids) + (query == null ? "" : "?" + query));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return conforms(reply, template);
  }

  long storedRows() {
    return rows("search_job") + rows("individual") + rows("evaluation_task");
  }

  /** Asserts a problem reply: status, problem+json, the declared schema, and its type. */
  JsonNode problem(Reply reply, String template, int status, String type) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.mediaType()).as("%s", reply).isEqualTo("application/problem+json");
    JsonNode problem = conforms(reply, template);
    assertThat(problem.get("type").asString()).as("%s", reply).isEqualTo(PROBLEMS + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    return problem;
  }

  /** Asserts that a problem's {@code errors} has an entry naming the field and the value sent. */
  static void namesFieldAndValue(JsonNode problem, String field, JsonNode value) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode error : problem.get("errors")) {
      boolean sameField =
          field == null ? error.get("field").isNull() : field.equals(error.get("field").asString());
      if (sameField && sameValue(error.get("value"), value)) {
        matching.add(error);
      }
    }
    assertThat(matching)
        .as("errors of %s name field %s with value %s", problem, field, value)
        .isNotEmpty();
  }

  /** JSON equality, numbers compared by value (1 == 1.0 == 1L). */
  static boolean sameValue(JsonNode actual, JsonNode expected) {
    if (expected == null || expected.isNull()) {
      return actual == null || actual.isNull();
    }
    if (actual == null) {
      return false;
    }
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    return actual.equals(expected);
  }

  static boolean parsesAsJsonObject(String text) {
    try {
      return JSON.readTree(text).isObject();
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  static List<String> ids(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(item -> out.add(item.get("id").asString()));
    return out;
  }

  // ---------------------------------------------------------------- submitting

  @Test
  void createAnswers201WithLocationAndTheResolvedSpec() {
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("population", 6);
    overrides.put("offspring", 4);
    overrides.put("generations", 3);
    overrides.put("crossoverProbability", 0.8);
    overrides.put("mutationEta", 5.0);
    overrides.put("mutationRate", 0.1);
    overrides.put("seed", 7);
    overrides.put("timeSteps", 3);
    overrides.put("channels", 10);
    overrides.put("cells", 5);
    overrides.put("batchSize", 8);
    overrides.put("batches", 1);
    overrides.put("fitness", "sahd-logdet");
    overrides.put("motifMax", 2);
    overrides.put("tau", 3.0);
    overrides.put("threshold", 0.6);
    overrides.put("objectives", 2);
    overrides.put("costObjective", "parameters");
    List<Object> pairs = new ArrayList<>();
    overrides.forEach(
        (k, v) -> {
          pairs.add(k);
          pairs.add(v);
        });
    pairs.add("feedbackSign");
    pairs.add("inhibitory");
    String body = smoke(pairs.toArray());
    assertThat(OpenApiContract.errors(contract.component("CreateSearchRequest"), body))
        .as("the request itself conforms")
        .isEmpty();

    Reply reply = post(SEARCHES, body);
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    JsonNode search = conforms(reply, SEARCHES);
    String id = search.get("id").asString();

    JsonNode spec = search.get("spec");
    overrides.forEach(
        (field, value) ->
            assertThat(sameValue(spec.get(field), JSON.valueToTree(value)))
                .as("spec.%s = %s in %s", field, value, spec)
                .isTrue());
    assertThat(spec.get("feedbackSign").asString()).isEqualTo("INHIBITORY");
    assertThat(spec.get("dataset").asString()).isEqualTo("mnist");
    assertThat(spec.get("preset").asString()).isEqualTo("smoke");
    JsonNode progress = search.get("progress");
    assertThat(progress.get("generations").asInt()).isEqualTo(3);
    assertThat(progress.get("evaluationsTotal").asInt()).isEqualTo(6 + (3 - 1) * 4);

    String location = reply.header("Location");
    assertThat(URI.create(location).getPath()).isEqualTo("/v1/searches/" + id);
    Reply followed = get(uri("/").resolve(location).getRawPath());
    assertThat(followed.status()).isEqualTo(200);
    assertThat(conforms(followed, SEARCH).get("id").asString()).isEqualTo(id);
    assertThat(rows("search_job")).isEqualTo(1);
  }

  @Test
  void aMinimalRequestTakesTheQuickPresetDefaults() {
    JsonNode spec = create("{\"dataset\":\"mnist\"}").get("spec");
    assertThat(spec.get("preset").asString()).isEqualTo("quick");
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("population", 12);
    defaults.put("offspring", 12);
    defaults.put("generations", 5);
    defaults.put("timeSteps", 4);
    defaults.put("channels", 16);
    defaults.put("cells", 6);
    defaults.put("batchSize", 64);
    defaults.put("batches", 2);
    defaults.put("crossoverProbability", 0.9);
    defaults.put("mutationEta", 3.0);
    defaults.put("seed", 99);
    defaults.put("fitness", "rdm-hamming");
    defaults.put("motifMax", 3);
    defaults.put("feedbackSign", "EXCITATORY");
    defaults.put("tau", 2.0);
    defaults.put("threshold", 0.5);
    defaults.put("objectives", 1);
    defaults.forEach(
        (field, value) ->
            assertThat(sameValue(spec.get(field), JSON.valueToTree(value)))
                .as("default %s = %s in %s", field, value, spec)
                .isTrue());
    assertThat(spec.get("mutationRate").isNull()).isTrue();
    assertThat(spec.get("costObjective").isNull()).isTrue();
  }

  @Test
  void twoObjectivesRankOnSynapticOperationsByDefault() {
    JsonNode spec = create(smoke("objectives", 2, "fitness", "rdm-pearson")).get("spec");

    assertThat(spec.get("objectives").asInt()).isEqualTo(2);
    assertThat(spec.get("costObjective").asString()).isEqualTo("sops");
    assertThat(spec.get("fitness").asString()).isEqualTo("rdm-pearson");
  }

  @Test
  void theDocumentedMinimaAndMaximaAreAccepted() {
    create(
        smoke(
            "population",
            2,
            "offspring",
            2,
            "generations",
            1,
            "timeSteps",
            1,
            "channels",
            2,
            "cells",
            4,
            "batchSize",
            2,
            "batches",
            1,
            "motifMax",
            1,
            "crossoverProbability",
            0,
            "mutationEta",
            0,
            "mutationRate",
            0,
            "seed",
            0,
            "tau",
            1,
            "threshold",
            0.000001,
            "objectives",
            1));
    create(
        smoke(
            "population",
            1000,
            "offspring",
            1000,
            "generations",
            10000,
            "timeSteps",
            64,
            "channels",
            512,
            "cells",
            64,
            "batchSize",
            1024,
            "batches",
            16,
            "motifMax",
            5,
            "crossoverProbability",
            1,
            "mutationEta",
            1000,
            "mutationRate",
            1,
            "tau",
            1000,
            "threshold",
            1000,
            "objectives",
            2));
    assertThat(rows("search_job")).isEqualTo(2);
  }

  @Test
  void theSameKeyAndBodyAnswers200WithTheSameSearch() {
    String key = "contract-" + UUID.randomUUID();
    Reply first = post(SEARCHES, smoke("seed", 3), "Idempotency-Key", key);
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    String id = conforms(first, SEARCHES).get("id").asString();

    Reply again = post(SEARCHES, smoke("seed", 3), "Idempotency-Key", key);
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    JsonNode repeated = conforms(again, SEARCHES);
    assertThat(repeated.get("id").asString()).isEqualTo(id);
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));

    // the same body with its fields in another order and other white space
    Reply reordered =
        post(
            SEARCHES,
            "{ \"seed\" : 3, \"preset\" : \"smoke\", \"dataset\" : \"mnist\" }",
            "Idempotency-Key",
            key);
    assertThat(reordered.status()).as("%s", reordered).isEqualTo(200);
    assertThat(conforms(reordered, SEARCHES).get("id").asString()).isEqualTo(id);
    assertThat(rows("search_job")).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIs409AndStoresNothing() {
    String key = "contract-" + UUID.randomUUID();
    create(smoke("seed", 3), "Idempotency-Key", key);
    long before = storedRows();

    Reply reused = post(SEARCHES, smoke("seed", 4), "Idempotency-Key", key);
    problem(reused, SEARCHES, 409, "idempotency-key-reused");
    assertThat(storedRows()).isEqualTo(before);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("badIdempotencyKeys")
  void anIdempotencyKeyOutOfRangeIs400(String key) {
    Reply reply = post(SEARCHES, smoke(), "Idempotency-Key", key);
    JsonNode problem = problem(reply, SEARCHES, 400, "invalid-parameter");
    // HTTP field values exclude surrounding white space (RFC 9110 section 5.5)
    namesFieldAndValue(problem, "Idempotency-Key", JSON.valueToTree(key.strip()));
    assertThat(storedRows()).isZero();
  }

  static Stream<String> badIdempotencyKeys() {
    return Stream.of("k".repeat(201), "   ");
  }

  /** An invalid body, the problem type it gets, and the field and value it must name. */
  record BadBody(String name, String body, String type, String field, JsonNode value) {

    static BadBody of(String name, String body, String type, String field, Object value) {
      return new BadBody(name, body, type, field, JSON.valueToTree(value));
    }

    static BadBody spec(String field, Object value) {
      return of(field + " = " + value, smoke(field, value), "invalid-search-spec", field, value);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Bad bodies the server already answers as the contract says. */
  static Stream<BadBody> conformingBadBodies() {
    return Stream.of(
        BadBody.of(
            "unknown dataset",
            "{\"dataset\":\"cifar10\"}",
            "invalid-search-spec",
            "dataset",
            "cifar10"),
        BadBody.of(
            "missing dataset", "{\"preset\":\"smoke\"}", "invalid-search-spec", "dataset", null),
        BadBody.spec("fitness", "accuracy"),
        BadBody.spec("preset", "huge"),
        BadBody.spec("population", -5),
        BadBody.spec("population", 1),
        BadBody.spec("population", 1001),
        BadBody.spec("offspring", 1),
        BadBody.spec("offspring", 1001),
        BadBody.spec("generations", 0),
        BadBody.spec("generations", 10001),
        BadBody.spec("timeSteps", 0),
        BadBody.spec("timeSteps", 65),
        BadBody.spec("channels", 0),
        BadBody.spec("channels", 1024),
        BadBody.spec("channels", 7),
        BadBody.spec("cells", 3),
        BadBody.spec("cells", 65),
        BadBody.spec("batchSize", 1),
        BadBody.spec("batchSize", 1025),
        BadBody.spec("batches", 0),
        BadBody.spec("batches", 17),
        BadBody.spec("motifMax", -1),
        BadBody.spec("motifMax", 0),
        BadBody.spec("motifMax", 6),
        BadBody.spec("crossoverProbability", 1.5),
        BadBody.spec("crossoverProbability", -0.1),
        BadBody.spec("mutationEta", -1.0),
        BadBody.spec("mutationEta", 1001.0),
        BadBody.spec("mutationRate", 1.5),
        BadBody.spec("seed", -1),
        BadBody.spec("tau", 0.5),
        BadBody.spec("threshold", 0),
        BadBody.spec("feedbackSign", "sideways"),
        BadBody.spec("objectives", 0),
        BadBody.spec("objectives", 3),
        BadBody.of(
            "unknown costObjective",
            smoke("objectives", 2, "costObjective", "energy"),
            "invalid-search-spec",
            "costObjective",
            "energy"),
        BadBody.of(
            "costObjective with one objective",
            smoke("costObjective", "parameters"),
            "invalid-search-spec",
            "costObjective",
            "parameters"));
  }

  /**
   * Bad bodies rejected while binding, before the spec is validated ({@code unknown-field}, {@code
   * malformed-body}): each names its field and the value sent, or field null when the body is not a
   * JSON object at all (see {@link #everyBadBodyNamesItsFieldAndValue}).
   */
  static Stream<BadBody> badBodiesMissingFieldOrValue() {
    return Stream.of(
        BadBody.of("unknown field", smoke("bogus", 1), "unknown-field", "bogus", 1),
        BadBody.of(
            "wrong type (string for an integer)",
            smoke("population", "many"),
            "malformed-body",
            "population",
            "many"),
        BadBody.of(
            "integer out of range of int32",
            "{\"dataset\":\"mnist\",\"population\":99999999999}",
            "malformed-body",
            "population",
            new BigDecimal("99999999999")),
        BadBody.of("malformed JSON", "{\"dataset\":\"mnist\",", "malformed-body", null, null),
        BadBody.of("empty body", "", "malformed-body", null, null),
        BadBody.of("a JSON array", "[]", "malformed-body", null, null));
  }

  /**
   * Wrongly typed scalars that a lenient reader would coerce to the field's type; the server
   * rejects them (400 {@code malformed-body}) naming the field and the value sent.
   */
  static Stream<BadBody> badBodiesTheServerCoerces() {
    return Stream.of(
        BadBody.of(
            "a numeric string for an integer",
            smoke("population", "5"),
            "malformed-body",
            "population",
            "5"),
        BadBody.of(
            "a fraction for an integer",
            smoke("population", 2.5),
            "malformed-body",
            "population",
            2.5),
        BadBody.of("a number for a string", "{\"dataset\":5}", "malformed-body", "dataset", 5));
  }

  static Stream<BadBody> badBodiesAnswered400() {
    return Stream.concat(conformingBadBodies(), badBodiesMissingFieldOrValue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodiesAnswered400")
  void aBadBodyIs400ProblemJsonAndStoresNothing(BadBody bad) {
    long before = storedRows();
    Reply reply = post(SEARCHES, bad.body());

    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    assertThat(reply.mediaType()).as("%s", reply).isEqualTo("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(OpenApiContract.errors(contract.component("Problem"), problem))
        .as("%s", reply)
        .isEmpty();
    assertThat(problem.get("type").asString()).isEqualTo(PROBLEMS + bad.type());
    assertThat(storedRows()).as("rows after %s", bad).isEqualTo(before);
    if (parsesAsJsonObject(bad.body())) {
      assertThat(OpenApiContract.errors(contract.component("CreateSearchRequest"), bad.body()))
          .as("openapi.yaml's CreateSearchRequest rejects %s", bad.body())
          .isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conformingBadBodies")
  void aBadBodyNamesItsFieldAndValue(BadBody bad) {
    Reply reply = post(SEARCHES, bad.body());
    JsonNode problem = problem(reply, SEARCHES, 400, bad.type());
    namesFieldAndValue(problem, bad.field(), bad.value());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodiesMissingFieldOrValue")
  void everyBadBodyNamesItsFieldAndValue(BadBody bad) {
    Reply reply = post(SEARCHES, bad.body());
    JsonNode problem = problem(reply, SEARCHES, 400, bad.type());
    namesFieldAndValue(problem, bad.field(), bad.value());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodiesTheServerCoerces")
  void aWronglyTypedScalarIsRejectedNotCoerced(BadBody bad) {
    long before = storedRows();
    Reply reply = post(SEARCHES, bad.body());
    JsonNode problem = problem(reply, SEARCHES, 400, bad.type());
    namesFieldAndValue(problem, bad.field(), bad.value());
    assertThat(storedRows()).isEqualTo(before);
  }

  @Test
  void problemDetailsDoNotExposeImplementationClasses() {
    for (String body :
        List.of(
            smoke("population", "many"),
            "",
            "[]",
            "{\"dataset\":\"mnist\",\"population\":99999999999}")) {
      Reply reply = post(SEARCHES, body);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json().path("detail").asString())
          .as("detail for body '%s'", body)
          .doesNotContainPattern("java\\.|javax\\.|io\\.msenas\\.|tools\\.jackson|org\\.spring");
    }
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    Reply reply = post(SEARCHES, "{\"dataset\":\"cifar10\",\"population\":0,\"channels\":1024}");
    JsonNode problem = problem(reply, SEARCHES, 400, "invalid-search-spec");
    namesFieldAndValue(problem, "dataset", json("\"cifar10\""));
    namesFieldAndValue(problem, "population", json("0"));
    namesFieldAndValue(problem, "channels", json("1024"));
    assertThat(storedRows()).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIs415ProblemJson() {
    Reply reply = send("POST", SEARCHES, "dataset=mnist", "Content-Type", "text/plain");
    assertThat(reply.status()).as("%s", reply).isEqualTo(415);
    assertThat(reply.mediaType()).as("%s", reply).isEqualTo("application/problem+json");
    conforms(reply, SEARCHES);
    assertThat(storedRows()).isZero();
  }

  @Test
  void anUnacceptableAcceptHeaderIs406ProblemJsonAndStoresNothing() {
    Reply reply =
        send("POST", SEARCHES, smoke(), "Content-Type", "application/json", "Accept", "text/csv");
    problem(reply, SEARCHES, 406, "not-acceptable");
    assertThat(storedRows()).as("rows after %s", reply).isZero();
  }

  @Test
  void aMethodThePathDoesNotAllowIs405ProblemJson() {
    String id = create(smoke()).get("id").asString();
    Reply reply = send("DELETE", path(SEARCH, id), null);
    assertThat(reply.status()).as("%s", reply).isEqualTo(405);
    assertThat(reply.header("Allow")).contains("GET");
    assertThat(reply.mediaType()).as("%s", reply).isEqualTo("application/problem+json");
    assertThat(OpenApiContract.errors(contract.component("Problem"), reply.json())).isEmpty();
  }

  @Test
  void anUnknownPathIs404ProblemJson() {
    Reply reply = get("/v1/nothing-here");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.mediaType()).isEqualTo("application/problem+json");
    assertThat(OpenApiContract.errors(contract.component("Problem"), reply.json())).isEmpty();
  }

  // ---------------------------------------------------------------- reading a search

  @Test
  void getAnswersTheSearchWithItsSpecAndProgress() {
    JsonNode created = create(smoke("seed", 5));
    String id = created.get("id").asString();

    JsonNode search = ok(SEARCH, null, id);
    assertThat(search.get("id").asString()).isEqualTo(id);
    assertThat(search.get("spec")).isEqualTo(created.get("spec"));
    assertThat(search.get("createdAt").asString()).isNotBlank();
    JsonNode progress = search.get("progress");
    assertThat(progress.get("generations").asInt()).isEqualTo(2);
    assertThat(progress.get("evaluationsTotal").asInt()).isEqualTo(4 + (2 - 1) * 4);
    assertThat(progress.get("evaluationsDone").asInt())
        .isBetween(0, progress.get("evaluationsTotal").asInt());
    assertThat(progress.get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aCreatedSearchIsRunningAndStaysSo() {
    String key = "contract-" + UUID.randomUUID();
    JsonNode created = create(smoke(), "Idempotency-Key", key);
    assertThat(created.get("status").asString()).isEqualTo("RUNNING");
    assertThat(created.get("startedAt").isNull()).isFalse();
    String id = created.get("id").asString();

    JsonNode read = ok(SEARCH, null, id);
    assertThat(read.get("status").asString()).isEqualTo("RUNNING");
    assertThat(Instant.parse(read.get("startedAt").asString()))
        .isEqualTo(Instant.parse(created.get("startedAt").asString()));

    Reply again = post(SEARCHES, smoke(), "Idempotency-Key", key);
    assertThat(conforms(again, SEARCHES).get("status").asString()).isEqualTo("RUNNING");
  }

  @Test
  void timestampsAreTheSameInEveryReply() {
    JsonNode created = create(smoke());
    String id = created.get("id").asString();
    JsonNode read = ok(SEARCH, null, id);
    assertThat(read.get("createdAt")).isEqualTo(created.get("createdAt"));

    Reply cancel = send("POST", path(CANCEL, id), null);
    JsonNode cancelled = conforms(cancel, CANCEL);
    assertThat(ok(SEARCH, null, id).get("finishedAt")).isEqualTo(cancelled.get("finishedAt"));
  }

  @Test
  void listingIsPaginatedNewestFirst() {
    List<String> created = new ArrayList<>();
    for (int seed = 1; seed <= 3; seed++) {
      created.add(create(smoke("seed", seed)).get("id").asString());
    }

    JsonNode first = ok(SEARCHES, "page=0&size=2");
    assertThat(first.get("page").asInt()).isZero();
    assertThat(first.get("size").asInt()).isEqualTo(2);
    assertThat(first.get("totalItems").asLong()).isEqualTo(3);
    assertThat(first.get("totalPages").asInt()).isEqualTo(2);
    assertThat(first.get("items")).hasSize(2);
    JsonNode second = ok(SEARCHES, "page=1&size=2");
    assertThat(second.get("items")).hasSize(1);

    List<String> listed = new ArrayList<>(ids(first.get("items")));
    listed.addAll(ids(second.get("items")));
    List<String> newestFirst = new ArrayList<>(created);
    java.util.Collections.reverse(newestFirst);
    assertThat(listed).isEqualTo(newestFirst);

    JsonNode past = ok(SEARCHES, "page=5&size=2");
    assertThat(past.get("items")).isEmpty();
    assertThat(past.get("totalItems").asLong()).isEqualTo(3);

    JsonNode defaults = ok(SEARCHES, null);
    assertThat(defaults.get("page").asInt()).isZero();
    assertThat(defaults.get("size").asInt()).isEqualTo(20);
  }

  @Test
  void listingFiltersByStatus() {
    String kept = create(smoke("seed", 1)).get("id").asString();
    String cancelled = create(smoke("seed", 2)).get("id").asString();
    Reply cancel = send("POST", path(CANCEL, cancelled), null);
    assertThat(cancel.status()).isEqualTo(200);

    JsonNode onlyCancelled = ok(SEARCHES, "status=CANCELLED");
    assertThat(ids(onlyCancelled.get("items"))).containsExactly(cancelled);
    assertThat(onlyCancelled.get("totalItems").asLong()).isEqualTo(1);

    JsonNode open = ok(SEARCHES, "status=QUEUED&status=RUNNING");
    assertThat(ids(open.get("items"))).containsExactly(kept);
    open.get("items")
        .forEach(item -> assertThat(item.get("status").asString()).isIn("QUEUED", "RUNNING"));

    JsonNode none = ok(SEARCHES, "status=SUCCEEDED&status=FAILED");
    assertThat(none.get("items")).isEmpty();
    assertThat(none.get("totalItems").asLong()).isZero();
  }

  /** A query out of range: the operation, the query, and the parameter and value to name. */
  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of(SEARCHES, "page=-1", "page", "-1"),
        Arguments.of(SEARCHES, "size=0", "size", "0"),
        Arguments.of(SEARCHES, "size=501", "size", "501"),
        Arguments.of(SEARCHES, "size=abc", "size", "abc"),
        Arguments.of(SEARCHES, "status=BOGUS", "status", "BOGUS"),
        Arguments.of(SEARCHES, "status=running", "status", "running"),
        Arguments.of(INDIVIDUALS, "page=-1", "page", "-1"),
        Arguments.of(INDIVIDUALS, "size=0", "size", "0"),
        Arguments.of(INDIVIDUALS, "size=501", "size", "501"),
        Arguments.of(INDIVIDUALS, "sort=bogus", "sort", "bogus"),
        Arguments.of(INDIVIDUALS, "sort=parameterCount", "sort", "parameterCount"));
  }

  @ParameterizedTest(name = "{0}?{1}")
  @MethodSource("badQueries")
  void aQueryParameterOutOfRangeIs400NamingIt(
      String template, String query, String field, String value) {
    String id = template.contains("{id}") ? create(smoke()).get("id").asString() : null;
    String path = id == null ? template : path(template, id);
    Reply reply = get(path + "?" + query);
    JsonNode problem = problem(reply, template, 400, "invalid-parameter");
    List<String> named = new ArrayList<>();
    for (JsonNode error : problem.get("errors")) {
      if (field.equals(error.get("field").asString())) {
        named.add(error.get("value").asString());
      }
    }
    assertThat(named).as("errors of %s", problem).contains(value);
  }

  @Test
  void aMalformedParameterNamesTheFormatItExpects() {
    JsonNode id = problem(getAt(SEARCH, "not-a-uuid"), SEARCH, 400, "invalid-parameter");
    assertThat(id.get("errors").get(0).get("message").asString()).isEqualTo("expected a UUID");

    JsonNode status =
        problem(get(SEARCHES + "?status=running"), SEARCHES, 400, "invalid-parameter");
    assertThat(status.get("errors").get(0).get("message").asString())
        .isEqualTo("expected one of [QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED]");
  }

  /** Every operation on a search, for the not-found and malformed-id checks. */
  static Stream<Arguments> searchOperations() {
    return Stream.of(
        Arguments.of("GET", SEARCH),
        Arguments.of("POST", CANCEL),
        Arguments.of("GET", GENERATIONS),
        Arguments.of("GET", INDIVIDUALS),
        Arguments.of("GET", INDIVIDUAL),
        Arguments.of("GET", LINEAGE),
        Arguments.of("GET", WINNER),
        Arguments.of("GET", FRONT));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("searchOperations")
  void anUnknownSearchIs404(String method, String template) {
    Reply reply = send(method, path(template, UUID.randomUUID(), UUID.randomUUID()), null);
    problem(reply, template, 404, "not-found");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("searchOperations")
  void aMalformedSearchIdIs400NamingTheParameter(String method, String template) {
    Reply reply = send(method, path(template, "not-a-uuid", UUID.randomUUID()), null);
    JsonNode problem = problem(reply, template, 400, "invalid-parameter");
    namesFieldAndValue(problem, "id", json("\"not-a-uuid\""));
  }

  @Test
  void anUnknownOrMalformedIndividualIdIs404Or400() {
    String id = create(smoke()).get("id").asString();
    problem(getAt(INDIVIDUAL, id, UUID.randomUUID()), INDIVIDUAL, 404, "not-found");
    JsonNode malformed =
        problem(getAt(INDIVIDUAL, id, "g0-0"), INDIVIDUAL, 400, "invalid-parameter");
    namesFieldAndValue(malformed, "individualId", json("\"g0-0\""));

    // an individual of another search is not found under this one
    String other = create(smoke("seed", 8)).get("id").asString();
    String otherIndividual = ok(INDIVIDUALS, null, other).get("items").get(0).get("id").asString();
    problem(getAt(INDIVIDUAL, id, otherIndividual), INDIVIDUAL, 404, "not-found");
  }

  // ---------------------------------------------------------------- cancel, winner

  @Test
  void cancelAnswersCancelledAndIsIdempotent() {
    String id = create(smoke()).get("id").asString();

    Reply first = send("POST", path(CANCEL, id), null);
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    JsonNode cancelled = conforms(first, CANCEL);
    assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(cancelled.get("finishedAt").isNull()).isFalse();
    assertThat(cancelled.get("progress").get("etaSeconds").isNull()).isTrue();

    Reply again = send("POST", path(CANCEL, id), null);
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    JsonNode still = conforms(again, CANCEL);
    assertThat(still.get("status").asString()).isEqualTo("CANCELLED");
    // unchanged (to the microsecond the database keeps; see timestampsAreTheSameInEveryReply)
    assertThat(Instant.parse(still.get("finishedAt").asString()))
        .isCloseTo(
            Instant.parse(cancelled.get("finishedAt").asString()), within(1, ChronoUnit.MICROS));

    JsonNode read = ok(SEARCH, null, id);
    assertThat(read.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(read.get("finishedAt")).isEqualTo(still.get("finishedAt"));
    Long open =
        jdbc.queryForObject(
            "select count(*) from evaluation_task where job_id = ? and state in ('PENDING', 'SENT')",
            Long.class,
            UUID.fromString(id));
    assertThat(open).isZero();
    problem(getAt(WINNER, id), WINNER, 409, "no-winner-yet");
  }

  @Test
  void aRunningSearchHasNoWinnerYet() {
    String id = create(smoke()).get("id").asString();
    problem(getAt(WINNER, id), WINNER, 409, "no-winner-yet");
  }

  // ---------------------------------------------------------------- generations, individuals

  @Test
  void aNewSearchHasNoCompletedGeneration() {
    String id = create(smoke()).get("id").asString();
    assertThat(ok(GENERATIONS, null, id)).isEmpty();
  }

  @Test
  void generationZeroIndividualsHaveGenomeArchitectureAndNoParents() {
    JsonNode search = create(smoke("seed", 4));
    String id = search.get("id").asString();
    int cells = search.get("spec").get("cells").asInt();

    JsonNode page = ok(INDIVIDUALS, null, id);
    assertThat(page.get("totalItems").asLong()).isEqualTo(4);
    assertThat(page.get("size").asInt()).isEqualTo(50);
    for (JsonNode summary : page.get("items")) {
      assertThat(summary.get("generation").asInt()).isZero();
      assertThat(summary.get("status").asString()).isEqualTo("PENDING");
      JsonNode detail = ok(INDIVIDUAL, null, id, summary.get("id").asString());
      assertThat(detail.get("id")).isEqualTo(summary.get("id"));
      assertThat(detail.get("label")).isEqualTo(summary.get("label"));
      assertThat(detail.get("canonicalHash")).isEqualTo(summary.get("canonicalHash"));
      assertThat(detail.get("genome").get("genes")).isNotEmpty();
      assertThat(detail.get("architecture").get("cells")).hasSize(cells);
      assertThat(detail.get("parents")).isEmpty();
      assertThat(detail.get("evaluation").isNull()).isTrue();
    }
  }

  /**
   * Scores generation 0 of searches with this body through the shared fitness cache, the way a
   * worker's earlier results would: submits the body once, stores a cached result for each of its
   * generation-0 genomes, and cancels it. A search submitted afterwards with the same fitness
   * settings finds generation 0 scored at once and breeds generation 1 (no worker needed).
   *
   * @return fitness by canonical hash
   */
  Map<String, Double> scoreGenerationZeroInCache(String body) {
    return scoreGenerationZeroInCache(body, null);
  }

  /**
   * As {@link #scoreGenerationZeroInCache(String)}, the cached results of the i-th individual (by
   * label) carrying {@code sops[i % sops.length]} synaptic operations, or none when {@code sops} is
   * null; their parameter counts are 1000 + i.
   */
  Map<String, Double> scoreGenerationZeroInCache(String body, double[] sops) {
    JsonNode probe = create(body);
    String probeId = probe.get("id").asString();
    SearchSpec spec = JSON.treeToValue(probe.get("spec"), SearchSpec.class);
    String configHash = spec.fitnessConfig().configHash();
    List<JsonNode> individuals = new ArrayList<>();
    ok(INDIVIDUALS, "sort=label", probeId).get("items").forEach(individuals::add);
    double[] scores = {0.2, 0.5, 0.3, 0.4, 0.1, 0.6, 0.25, 0.45};
    Map<String, Double> fitness = new HashMap<>();
    for (int i = 0; i < individuals.size(); i++) {
      JsonNode individual = individuals.get(i);
      String hash = individual.get("canonicalHash").asString();
      double score = scores[i % scores.length];
      EvaluationResult result =
          EvaluationResult.succeeded(
              UUID.randomUUID(),
              UUID.fromString(individual.get("id").asString()),
              hash,
              score,
              score / 2,
              List.of(new LayerSpikeRate("cell0", 1, 64, 0.12)),
              1000L + i,
              new Timings(1.0, 2.0, 3.0, 6.0),
              new Provenance("contract-test", spec.seed(), "cpu", null, null, "localhost"),
              new Rdm(2, List.of(0.0, 1.5, 1.5, 0.0)));
      if (sops != null) {
        result = result.withSynapticOperations(sops[i % sops.length]);
      }
      jdbc.update(
          "insert into fitness_cache (canonical_hash, config_hash, fitness, width_normalised,"
              + " parameter_count, result, created_at) values (?, ?, ?, ?, ?, ?::jsonb, now())",
          hash,
          configHash,
          score,
          score / 2,
          1000L + i,
          JSON.writeValueAsString(result));
      fitness.put(hash, score);
    }
    assertThat(send("POST", path(CANCEL, probeId), null).status()).isEqualTo(200);
    return fitness;
  }

  @Test
  void individualsAreSortedByFitnessWithUnscoredOnesLast() {
    String body = smoke("seed", 11);
    Map<String, Double> cached = scoreGenerationZeroInCache(body);
    String id = create(body).get("id").asString();

    List<Double> descending = fitnessOrder(ok(INDIVIDUALS, "sort=-fitness", id));
    List<Double> scored = descending.stream().filter(f -> f != null).toList();
    assertThat(scored).hasSize(cached.size()).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(descending.subList(scored.size(), descending.size())).containsOnlyNulls();
    assertThat(fitnessOrder(ok(INDIVIDUALS, null, id))).as("default sort").isEqualTo(descending);

    List<Double> ascending = fitnessOrder(ok(INDIVIDUALS, "sort=fitness", id));
    List<Double> scoredAscending = ascending.stream().filter(f -> f != null).toList();
    assertThat(scoredAscending).hasSize(cached.size()).isSorted();
    assertThat(ascending.subList(scoredAscending.size(), ascending.size())).containsOnlyNulls();

    for (String sort : List.of("generation", "-generation", "label", "-label")) {
      JsonNode page = ok(INDIVIDUALS, "sort=" + sort + "&size=3", id);
      assertThat(page.get("items")).hasSize(3);
    }
  }

  private static List<Double> fitnessOrder(JsonNode page) {
    List<Double> out = new ArrayList<>();
    page.get("items")
        .forEach(i -> out.add(i.get("fitness").isNull() ? null : i.get("fitness").asDouble()));
    return out;
  }

  @Test
  void scoredIndividualsAndChildrenShowObjectivesProvenanceAndParents() {
    String body = smoke("seed", 12);
    Map<String, Double> cached = scoreGenerationZeroInCache(body);
    String id = create(body).get("id").asString();

    Map<String, Integer> generationOf = new HashMap<>();
    Map<String, String> labelOf = new HashMap<>();
    JsonNode page = ok(INDIVIDUALS, "sort=label", id);
    page.get("items")
        .forEach(
            i -> {
              generationOf.put(i.get("id").asString(), i.get("generation").asInt());
              labelOf.put(i.get("id").asString(), i.get("label").asString());
            });
    assertThat(generationOf.values()).contains(0, 1);

    for (JsonNode summary : page.get("items")) {
      String individualId = summary.get("id").asString();
      JsonNode detail = ok(INDIVIDUAL, null, id, individualId);
      if (summary.get("generation").asInt() == 0) {
        assertThat(detail.get("status").asString()).isEqualTo("EVALUATED");
        double fitness = cached.get(detail.get("canonicalHash").asString());
        assertThat(detail.get("objectives").get("fitness").asDouble()).isEqualTo(fitness);
        assertThat(summary.get("fitness").asDouble()).isEqualTo(fitness);
        assertThat(detail.get("evaluation").get("provenance").get("engineVersion").asString())
            .isEqualTo("contract-test");
        assertThat(detail.get("evaluatedAt").isNull()).isFalse();
        assertThat(detail.get("parents")).isEmpty();
      } else {
        assertThat(detail.get("status").asString()).isEqualTo("PENDING");
        assertThat(detail.get("parents")).isNotEmpty();
        for (JsonNode parent : detail.get("parents")) {
          String parentId = parent.get("parentId").asString();
          assertThat(generationOf.get(parentId)).as("parent %s", parent).isZero();
          assertThat(parent.get("parentLabel").asString()).isEqualTo(labelOf.get(parentId));
        }
      }
    }
  }

  @Test
  void lineageHoldsEveryIndividualAndItsChildToParentEdges() {
    String body = smoke("seed", 13);
    scoreGenerationZeroInCache(body);
    String id = create(body).get("id").asString();

    JsonNode lineage = ok(LINEAGE, null, id);
    Map<String, Integer> generationOf = new HashMap<>();
    lineage
        .get("nodes")
        .forEach(n -> generationOf.put(n.get("id").asString(), n.get("generation").asInt()));
    JsonNode individuals = ok(INDIVIDUALS, "size=500", id);
    assertThat(generationOf.keySet())
        .containsExactlyInAnyOrderElementsOf(ids(individuals.get("items")));

    assertThat(lineage.get("edges")).isNotEmpty();
    Set<String> fromEdges = new HashSet<>();
    for (JsonNode edge : lineage.get("edges")) {
      String child = edge.get("child").asString();
      String parent = edge.get("parent").asString();
      assertThat(generationOf).containsKeys(child, parent);
      assertThat(generationOf.get(child)).isEqualTo(generationOf.get(parent) + 1);
      fromEdges.add(child + ">" + parent + ":" + edge.get("operator").asString());
    }
    Set<String> fromParents = new HashSet<>();
    for (String individual : generationOf.keySet()) {
      for (JsonNode parent : ok(INDIVIDUAL, null, id, individual).get("parents")) {
        fromParents.add(
            individual
                + ">"
                + parent.get("parentId").asString()
                + ":"
                + parent.get("operator").asString());
      }
    }
    assertThat(fromEdges).as("edges = the individuals' parents").isEqualTo(fromParents);
  }

  @Test
  void completedGenerationsCarryTheirStatistics() {
    String body = smoke("seed", 14);
    Map<String, Double> cached = scoreGenerationZeroInCache(body);
    String id = create(body).get("id").asString();

    JsonNode generations = ok(GENERATIONS, null, id);
    assertThat(generations).hasSize(1);
    JsonNode zero = generations.get(0);
    assertThat(zero.get("number").asInt()).isZero();
    assertThat(zero.get("survivors").asInt()).isEqualTo(4);
    assertThat(zero.get("evaluated").asInt()).isEqualTo(4);
    assertThat(zero.get("failed").asInt()).isZero();
    assertThat(zero.get("bestFitness").asDouble())
        .isEqualTo(cached.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
  }

  @Test
  void progressCountsEvaluationsAndTheBestSoFar() {
    String body = smoke("seed", 15);
    Map<String, Double> cached = scoreGenerationZeroInCache(body);
    String id = create(body).get("id").asString();
    double best = cached.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();

    JsonNode search = ok(SEARCH, null, id);
    assertThat(search.get("status").asString()).isEqualTo("RUNNING");
    JsonNode progress = search.get("progress");
    assertThat(progress.get("generation").asInt()).isEqualTo(1);
    assertThat(progress.get("evaluationsDone").asInt()).isEqualTo(4);
    assertThat(progress.get("bestFitness").asDouble()).isEqualTo(best);
    String bestId = progress.get("bestIndividualId").asString();
    assertThat(ok(INDIVIDUAL, null, id, bestId).get("objectives").get("fitness").asDouble())
        .isEqualTo(best);
    assertThat(progress.get("etaSeconds").isNull()).isFalse();
    assertThat(ok(FRONT, null, id).get("members").get(0).get("fitness").asDouble()).isEqualTo(best);
  }

  @Test
  void theParetoFrontIsEmptyUntilAGenerationCompletes() {
    String id = create(smoke("seed", 17)).get("id").asString();
    JsonNode front = ok(FRONT, null, id);
    assertThat(front.get("generation").isNull()).isTrue();
    assertThat(front.get("members")).isEmpty();
  }

  @Test
  void aSucceededSearchHasAWinnerAndCannotBeCancelled() {
    Map<String, Double> cached = scoreGenerationZeroInCache(smoke("seed", 16));
    JsonNode created = create(smoke("seed", 16, "generations", 1));
    String id = created.get("id").asString();
    double best = cached.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();

    JsonNode search = ok(SEARCH, null, id);
    assertThat(search.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(search.get("finishedAt").isNull()).isFalse();
    String winnerId = search.get("winnerId").asString();

    JsonNode winner = ok(WINNER, null, id);
    assertThat(winner.get("id").asString()).isEqualTo(winnerId);
    assertThat(winner.get("objectives").get("fitness").asDouble()).isEqualTo(best);

    // one objective: the front is every final survivor of the best fitness, the winner first
    JsonNode front = ok(FRONT, null, id);
    assertThat(front.get("generation").asInt()).isZero();
    assertThat(front.get("objectives").asInt()).isEqualTo(1);
    assertThat(front.get("members").get(0).get("id").asString()).isEqualTo(winnerId);
    for (JsonNode member : front.get("members")) {
      assertThat(member.get("fitness").asDouble()).isEqualTo(best);
      assertThat(member.get("cost").isNull()).isTrue();
    }

    problem(send("POST", path(CANCEL, id), null), CANCEL, 409, "search-finished");
    assertThat(ok(SEARCHES, "status=SUCCEEDED").get("items")).hasSize(1);
  }

  @Test
  void aTwoObjectiveSearchRanksOnTheChosenCostAndItsFrontIsNonDominated() {
    // fitness by label order 0.2, 0.5, 0.3, 0.4; parameters 1000, 1001, 1002, 1003; synaptic
    // operations 900, 700, 800, 600: on parameters (0.5, 1001) and (0.2, 1000) are non-dominated,
    // on synaptic operations (0.5, 700) and (0.4, 600)
    String onParameters = smoke("seed", 19, "objectives", 2, "costObjective", "parameters");
    scoreGenerationZeroInCache(onParameters, new double[] {900, 700, 800, 600});
    String id =
        create(smoke("seed", 19, "objectives", 2, "costObjective", "parameters", "generations", 1))
            .get("id")
            .asString();
    String sopsId =
        create(smoke("seed", 19, "objectives", 2, "generations", 1)).get("id").asString();

    JsonNode front = ok(FRONT, null, id);
    assertThat(front.get("objectives").asInt()).isEqualTo(2);
    assertThat(objectivePairs(front)).containsExactly(List.of(0.5, 1001.0), List.of(0.2, 1000.0));
    assertMutuallyNonDominated(front);
    JsonNode sopsFront = ok(FRONT, null, sopsId);
    assertThat(objectivePairs(sopsFront)).containsExactly(List.of(0.5, 700.0), List.of(0.4, 600.0));
    assertMutuallyNonDominated(sopsFront);
    for (JsonNode item : ok(INDIVIDUALS, null, sopsId).get("items")) {
      JsonNode detail = ok(INDIVIDUAL, null, sopsId, item.get("id").asString());
      assertThat(detail.get("objectives").get("cost").asDouble())
          .isEqualTo(detail.get("evaluation").get("synapticOperations").asDouble());
    }
  }

  @Test
  void cachedScoresWithoutTheRankedCostAreEvaluatedAgain() {
    // cached before workers measured synaptic operations: one objective can use them, a
    // search that ranks on synaptic operations queues its genomes for a worker instead
    scoreGenerationZeroInCache(smoke("seed", 20));
    String single = create(smoke("seed", 20)).get("id").asString();
    String twoObjectives = create(smoke("seed", 20, "objectives", 2)).get("id").asString();

    assertThat(ok(SEARCH, null, single).get("progress").get("evaluationsDone").asInt())
        .isEqualTo(4);
    assertThat(ok(SEARCH, null, twoObjectives).get("progress").get("evaluationsDone").asInt())
        .isZero();
    for (JsonNode item : ok(INDIVIDUALS, null, twoObjectives).get("items")) {
      assertThat(item.get("status").asString()).isEqualTo("PENDING");
    }
  }

  @Test
  void aScoreCachedUnderOneFitnessFunctionIsNeverReusedForAnother() {
    // the same genomes (same seed) under the same settings but another fitness function
    scoreGenerationZeroInCache(smoke("seed", 21));
    String hamming = create(smoke("seed", 21)).get("id").asString();

    assertThat(ok(SEARCH, null, hamming).get("progress").get("evaluationsDone").asInt())
        .isEqualTo(4);
    for (String other : List.of("rdm-pearson", "sahd-logdet", "rsa-labels")) {
      String id = create(smoke("seed", 21, "fitness", other)).get("id").asString();
      assertThat(ok(SEARCH, null, id).get("progress").get("evaluationsDone").asInt())
          .as(other)
          .isZero();
    }
  }

  private static List<List<Double>> objectivePairs(JsonNode front) {
    List<List<Double>> pairs = new ArrayList<>();
    front
        .get("members")
        .forEach(m -> pairs.add(List.of(m.get("fitness").asDouble(), m.get("cost").asDouble())));
    return pairs;
  }

  /** No member is as fit and as cheap as another and strictly better in one of them. */
  static void assertMutuallyNonDominated(JsonNode front) {
    List<List<Double>> pairs = objectivePairs(front);
    assertThat(pairs).isNotEmpty();
    for (List<Double> a : pairs) {
      for (List<Double> b : pairs) {
        boolean dominates =
            a.get(0) >= b.get(0)
                && a.get(1) <= b.get(1)
                && (a.get(0) > b.get(0) || a.get(1) < b.get(1));
        assertThat(dominates).as("%s dominates %s in %s", a, b, front).isFalse();
      }
    }
  }

  // ---------------------------------------------------------------- trainings

  /** A training of an individual of a search, plus name, value pairs. */
  static String training(String searchId, String individualId, Object... overrides) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("searchId", searchId);
    if (individualId != null) {
      source.put("individualId", individualId);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", source);
    for (int i = 0; i < overrides.length; i += 2) {
      body.put((String) overrides[i], overrides[i + 1]);
    }
    return JSON.writeValueAsString(body);
  }

  /** A running search and the id of one of its individuals. */
  List<String> searchAndIndividual() {
    String id = create(smoke()).get("id").asString();
    return List.of(id, ok(INDIVIDUALS, null, id).get("items").get(0).get("id").asString());
  }

  @Test
  void aTrainingOfASearchsIndividualTakesOnlyADataSetOfTheSearchsKindOfInput() {
    List<String> source = searchAndIndividual();

    Reply events =
        post(TRAININGS, training(source.get(0), source.get(1), "dataset", "dvs128-gesture"));
    JsonNode problem = problem(events, TRAININGS, 400, "invalid-training-spec");
    namesFieldAndValue(problem, "dataset", json("\"dvs128-gesture\""));
    assertThat(rows("training_job")).isZero();

    // another static-image data set is the same kind of input
    Reply images = post(TRAININGS, training(source.get(0), source.get(1), "dataset", "cifar10"));
    assertThat(images.status()).as("%s", images).isEqualTo(201);
    assertThat(conforms(images, TRAININGS).get("spec").get("dataset").asString())
        .isEqualTo("cifar10");
  }

  @Test
  void anInvalidTrainingIs400NamingEveryFieldAndStoresNothing() {
    List<String> source = searchAndIndividual();
    Reply reply =
        post(TRAININGS, training(source.get(0), source.get(1), "epochs", 0, "channels", 7));
    JsonNode problem = problem(reply, TRAININGS, 400, "invalid-training-spec");
    namesFieldAndValue(problem, "epochs", json("0"));
    namesFieldAndValue(problem, "channels", json("7"));
    assertThat(rows("training_job")).isZero();
  }

  @Test
  void aTrainingOfANetworkTheInputNeverReachesIs400NamingTheZeroCellAndStoresNothing() {
    // the smoke preset's four cells: 1, 2, 3 reduce cell 0, whose motif gene 0 is a zero cell
    int[] genes = new int[4 * 20 + 1];
    genes[genes.length - 1] = 3;
    String body =
        "{\"genome\":{\"searchSpaceVersion\":\"mse-v1\",\"genes\":"
            + java.util.Arrays.toString(genes)
            + "},\"preset\":\"smoke\"}";
    JsonNode problem = problem(post(TRAININGS, body), TRAININGS, 400, "invalid-training-spec");
    namesFieldAndValue(problem, "genome.genes[0]", json("0"));
    assertThat(problem.get("errors").get(0).get("message").asString())
        .isEqualTo(
            "no path carries the input from the stem to the head: the zero cell 0 (motif m0) cuts"
                + " every one, so the head would read only zeros and the network could not"
                + " classify");
    assertThat(rows("training_job")).isZero();
  }

  @Test
  void aStoredIndividualTheInputNeverReachesIsNamedBySourceAndNothingIsStored() {
    // an individual stored before the search left such networks out: its smoke genome's only
    // searched cell (0) is set to a zero cell in the database
    List<String> source = searchAndIndividual();
    jdbc.update("update individual set genes[1] = 0 where id = ?", UUID.fromString(source.get(1)));
    JsonNode problem =
        problem(
            post(TRAININGS, training(source.get(0), source.get(1))),
            TRAININGS,
            400,
            "invalid-training-spec");
    namesFieldAndValue(problem, "source.individualId", json("\"" + source.get(1) + "\""));
    assertThat(problem.get("errors").get(0).get("message").asString())
        .startsWith("individual " + source.get(1) + ": no path carries the input")
        .contains("the zero cell 0 (motif");
    assertThat(rows("training_job")).isZero();
  }

  @Test
  void aTrainingWhoseBatchIsLargerThanItsTrainingSamplesIs400() {
    List<String> source = searchAndIndividual();
    JsonNode problem =
        problem(
            post(
                TRAININGS,
                training(source.get(0), source.get(1), "trainSamples", 100, "batchSize", 128)),
            TRAININGS,
            400,
            "invalid-training-spec");
    namesFieldAndValue(problem, "batchSize", json("128"));
    assertThat(problem.get("errors").get(0).get("message").asString())
        .isEqualTo("must be at most trainSamples (100): a step takes a full batch");
    assertThat(rows("training_job")).isZero();
  }

  @Test
  void aMalformedNestedTrainingFieldIsNamedByItsPath() {
    JsonNode searchId =
        problem(
            post(TRAININGS, "{\"source\":{\"searchId\":\"abc\"}}"),
            TRAININGS,
            400,
            "malformed-body");
    namesFieldAndValue(searchId, "source.searchId", json("\"abc\""));
    assertThat(searchId.get("errors").get(0).get("message").asString())
        .isEqualTo("expected a UUID");

    JsonNode gene =
        problem(
            post(TRAININGS, "{\"genome\":{\"genes\":[1,\"x\"]}}"),
            TRAININGS,
            400,
            "malformed-body");
    namesFieldAndValue(gene, "genome.genes[1]", json("\"x\""));
    assertThat(rows("training_job")).isZero();
  }

  @Test
  void aTrainingOfAnUnknownSearchIs404AndStoresNothing() {
    Reply reply = post(TRAININGS, training(UUID.randomUUID().toString(), null));
    problem(reply, TRAININGS, 404, "not-found");
    assertThat(rows("training_job")).isZero();
  }

  @Test
  void aTrainingOfTheWinnerOfASearchWithoutOneIs409AndStoresNothing() {
    String id = create(smoke()).get("id").asString();
    Reply reply = post(TRAININGS, training(id, null));
    problem(reply, TRAININGS, 409, "no-winner-yet");
    assertThat(rows("training_job")).isZero();
  }

  @Test
  void theIdempotencyKeyIsCheckedBeforeTheBodyOfEveryJob() {
    // each body is invalid too; the key's problem is the one answered, as for every job
    Reply search = post(SEARCHES, smoke("population", 1), "Idempotency-Key", " ");
    namesFieldAndValue(
        problem(search, SEARCHES, 400, "invalid-parameter"), "Idempotency-Key", json("\"\""));
    Reply training =
        post(TRAININGS, training(UUID.randomUUID().toString(), null), "Idempotency-Key", " ");
    namesFieldAndValue(
        problem(training, TRAININGS, 400, "invalid-parameter"), "Idempotency-Key", json("\"\""));
    Reply study = post(STUDIES, "{\"dataset\":\"cifar10\"}", "Idempotency-Key", " ");
    namesFieldAndValue(
        problem(study, STUDIES, 400, "invalid-parameter"), "Idempotency-Key", json("\"\""));
    assertThat(storedRows() + rows("training_job")).isZero();
  }

  // ---------------------------------------------------------------- operations

  @Test
  void theServerServesItsContractAndAPageThatRendersIt() throws Exception {
    Reply contract = send("GET", "/openapi.yaml", null, "Accept", "*/*");
    assertThat(contract.status()).isEqualTo(200);
    assertThat(contract.body())
        .isEqualTo(
            java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("user.dir"))
                    .resolveSibling("openapi.yaml")));
    Reply page = send("GET", "/docs.html", null, "Accept", "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("/openapi.yaml").contains("swagger-ui-bundle.js");
    Reply bundle =
        send("GET", "/webjars/swagger-ui/5.18.2/swagger-ui-bundle.js", null, "Accept", "*/*");
    assertThat(bundle.status()).isEqualTo(200);
  }

  @Test
  void healthIsUp() {
    Reply reply = get("/actuator/health");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(conforms(reply, "/actuator/health").get("status").asString()).isEqualTo("UP");
  }

  @Test
  void prometheusServesTheServiceMetrics() {
    Reply reply = send("GET", "/actuator/prometheus", null, "Accept", "text/plain");
    assertThat(reply.status()).isEqualTo(200);
    conforms(reply, "/actuator/prometheus");
    assertThat(reply.body()).contains("mse_nas_evaluations_dispatched_total");
  }
}

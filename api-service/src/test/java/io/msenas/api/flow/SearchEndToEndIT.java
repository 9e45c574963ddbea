package io.msenas.api.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A whole {@code smoke} search through the real path: REST -> PostgreSQL -> outbox -> RabbitMQ ->
 * worker (real simulator and RDM fitness) -> RabbitMQ -> result intake -> next generation.
 */
class SearchEndToEndIT {

  private static ServiceStack stack;
  private static Http http;

  @BeforeAll
  static void start() {
    stack = new ServiceStack(Map.of());
    stack.startApi(Map.of());
    stack.cleanDatabase();
    stack.startWorker(Map.of());
    http = new Http(stack.apiUrl(0));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void smokeSearchRunsToAWinnerWithEveryIndividualEvaluatedOnceAndAnAcyclicLineage() {
    Http.Response created =
        http.post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":7}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();

    JsonNode done =
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> http.get("/v1/searches/" + id).json(),
                s -> isTerminal(s.get("status").asString()));
    assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode progress = done.get("progress");
    assertThat(progress.get("evaluationsDone").asInt())
        .isEqualTo(progress.get("evaluationsTotal").asInt());

    // every individual evaluated, each by exactly one task attempt that completed
    List<Map<String, Object>> perIndividual =
        stack
            .jdbc()
            .queryForList(
                "select i.id, i.status, count(t.id) as tasks, count(t.id) filter (where t.state = 'DONE')"
                    + " as done from individual i left join evaluation_task t on t.individual_id = i.id"
                    + " where i.job_id = ?::uuid group by i.id, i.status",
                id);
    assertThat(perIndividual).hasSize(progress.get("evaluationsTotal").asInt());
    assertThat(perIndividual)
        .allSatisfy(
            row -> {
              assertThat(row.get("status")).isEqualTo("EVALUATED");
              assertThat(((Number) row.get("tasks")).longValue()).isEqualTo(1);
              assertThat(((Number) row.get("done")).longValue()).isEqualTo(1);
            });

    // the lineage is a DAG whose edges point to earlier generations
    JsonNode lineage = http.get("/v1/searches/" + id + "/lineage").json();
    Map<String, Integer> generationOf = new HashMap<>();
    lineage
        .get("nodes")
        .forEach(n -> generationOf.put(n.get("id").asString(), n.get("generation").asInt()));
    assertThat(lineage.get("edges").size()).isPositive();
    lineage
        .get("edges")
        .forEach(
            e ->
                assertThat(generationOf.get(e.get("parent").asString()))
                    .isLessThan(generationOf.get(e.get("child").asString())));

    // the winner is the best of the last generation's survivors
    JsonNode generations = http.get("/v1/searches/" + id + "/generations").json();
    assertThat(generations.size()).isEqualTo(2);
    Double bestSurvivor =
        stack
            .jdbc()
            .queryForObject(
                "select max(i.fitness) from generation g join individual i on i.id = any(g.survivor_ids)"
                    + " where g.job_id = ?::uuid and g.number = 1",
                Double.class,
                id);
    JsonNode winner = http.get("/v1/searches/" + id + "/winner").json();
    assertThat(winner.get("objectives").get("fitness").asDouble()).isEqualTo(bestSurvivor);
    assertThat(winner.get("architecture").get("cells").size()).isEqualTo(4);
    assertThat(winner.get("evaluation").get("provenance").get("nativeVariant").asString())
        .startsWith("linux-x86_64-onednn");
  }

  @Test
  void aSteadyStateSearchBreedsWithoutABarrierAndEvaluatesTheGenerationalBudget() {
    Http.Response created =
        http.post(
            "/v1/searches",
            "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":9,\"population\":4,"
                + "\"offspring\":4,\"generations\":4,\"evolution\":\"steady-state\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(created.json().get("spec").get("evolution").asString()).isEqualTo("steady-state");

    JsonNode done =
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> http.get("/v1/searches/" + id).json(),
                s -> isTerminal(s.get("status").asString()));
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    JsonNode progress = done.get("progress");
    int total = progress.get("evaluationsTotal").asInt();
    assertThat(progress.get("evaluationsDone").asInt()).isEqualTo(total);
    // generation 0, then (generations - 1) x offspring children, less any duplicate skipped
    assertThat(total).isBetween(4 + 12 - 2, 4 + 12);

    List<Map<String, Object>> rows =
        stack
            .jdbc()
            .queryForList(
                "select i.label, i.generation, i.status, i.created_at, i.evaluated_at,"
                    + " count(t.id) as tasks from individual i left join evaluation_task t"
                    + " on t.individual_id = i.id where i.job_id = ?::uuid"
                    + " group by i.id order by i.created_at",
                id);
    assertThat(rows).hasSize(total);
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("status")).isEqualTo("EVALUATED");
              assertThat(((Number) row.get("tasks")).longValue()).isLessThanOrEqualTo(1);
            });

    // no barrier: the first child of generation 2 was bred before generation 1 was all evaluated
    java.sql.Timestamp secondBred =
        (java.sql.Timestamp)
            rows.stream()
                .filter(r -> "g2-0".equals(r.get("label")))
                .findFirst()
                .orElseThrow()
                .get("created_at");
    java.sql.Timestamp firstDone =
        rows.stream()
            .filter(r -> ((Number) r.get("generation")).intValue() == 1)
            .map(r -> (java.sql.Timestamp) r.get("evaluated_at"))
            .max(java.util.Comparator.naturalOrder())
            .orElseThrow();
    assertThat(secondBred).isBeforeOrEqualTo(firstDone);

    // every parent was born before its child
    JsonNode lineage = http.get("/v1/searches/" + id + "/lineage").json();
    Map<String, String> labelOf = new HashMap<>();
    lineage
        .get("nodes")
        .forEach(n -> labelOf.put(n.get("id").asString(), n.get("label").asString()));
    assertThat(lineage.get("edges").size()).isPositive();
    lineage
        .get("edges")
        .forEach(
            e ->
                assertThat(birthOrder(labelOf.get(e.get("parent").asString())))
                    .isLessThan(birthOrder(labelOf.get(e.get("child").asString()))));

    // a generation row per generation, and the winner is the best of the final population
    assertThat(http.get("/v1/searches/" + id + "/generations").json().size()).isEqualTo(4);
    Double best =
        stack
            .jdbc()
            .queryForObject(
                "select max(i.fitness) from generation g join individual i on i.id = any(g.survivor_ids)"
                    + " where g.job_id = ?::uuid and g.number = 3",
                Double.class,
                id);
    JsonNode winner = http.get("/v1/searches/" + id + "/winner").json();
    assertThat(winner.get("objectives").get("fitness").asDouble()).isEqualTo(best);
  }

  /** {@code g2-3} -> 2003: generation, then index within it (births are numbered in this order). */
  private static int birthOrder(String label) {
    int dash = label.indexOf('-');
    return Integer.parseInt(label.substring(1, dash)) * 1000
        + Integer.parseInt(label.substring(dash + 1));
  }

  @Test
  void aTwoObjectiveSearchStoresMeasuredCostsAndAFrontOfMutuallyNonDominatedMembers() {
    Http.Response created =
        http.post(
            "/v1/searches",
            "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":8,\"population\":6,"
                + "\"offspring\":6,\"objectives\":2,\"fitness\":\"sahd-logdet\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(created.json().get("spec").get("costObjective").asString()).isEqualTo("sops");

    JsonNode done =
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> http.get("/v1/searches/" + id).json(),
                s -> isTerminal(s.get("status").asString()));
    assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");

    // every evaluated individual's cost is the synaptic operations its worker measured
    List<Map<String, Object>> rows =
        stack
            .jdbc()
            .queryForList(
                "select status, cost, cast(result ->> 'synapticOperations' as double precision)"
                    + " as sops from individual where job_id = ?::uuid",
                id);
    assertThat(rows).hasSize(done.get("progress").get("evaluationsTotal").asInt());
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("status")).isEqualTo("EVALUATED");
              assertThat(((Number) row.get("cost")).doubleValue())
                  .isPositive()
                  .isEqualTo(((Number) row.get("sops")).doubleValue());
            });

    JsonNode front = http.get("/v1/searches/" + id + "/pareto-front").json();
    assertThat(front.get("objectives").asInt()).isEqualTo(2);
    assertThat(front.get("generation").asInt()).isEqualTo(1);
    List<double[]> members = new ArrayList<>();
    front
        .get("members")
        .forEach(
            m -> members.add(new double[] {m.get("fitness").asDouble(), m.get("cost").asDouble()}));
    assertThat(members).isNotEmpty();
    for (double[] a : members) {
      for (double[] b : members) {
        boolean dominates = a[0] >= b[0] && a[1] <= b[1] && (a[0] > b[0] || a[1] < b[1]);
        assertThat(dominates).as("(%s, %s) dominates (%s, %s)", a[0], a[1], b[0], b[1]).isFalse();
      }
    }
    // and every final survivor off the front is dominated by a member
    List<Map<String, Object>> survivors =
        stack
            .jdbc()
            .queryForList(
                "select i.fitness, i.cost from generation g join individual i"
                    + " on i.id = any(g.survivor_ids) where g.job_id = ?::uuid and g.number = 1",
                id);
    for (Map<String, Object> survivor : survivors) {
      double fitness = ((Number) survivor.get("fitness")).doubleValue();
      double cost = ((Number) survivor.get("cost")).doubleValue();
      boolean onFront = members.stream().anyMatch(m -> m[0] == fitness && m[1] == cost);
      boolean dominated =
          members.stream()
              .anyMatch(m -> m[0] >= fitness && m[1] <= cost && (m[0] > fitness || m[1] < cost));
      assertThat(onFront || dominated).as("survivor (%s, %s)", fitness, cost).isTrue();
    }
  }

  private static boolean isTerminal(String status) {
    return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status);
  }
}

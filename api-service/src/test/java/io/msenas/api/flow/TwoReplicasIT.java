package io.msenas.api.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two API replicas share the database and the result queue (competing consumers, both relaying the
 * outbox): each generation still advances exactly once and each individual is evaluated once.
 */
class TwoReplicasIT {

  private static ServiceStack stack;

  @BeforeAll
  static void start() {
    // no-op fitness: this test is about bookkeeping, not about spiking networks
    stack = new ServiceStack(Map.of("mse-nas.worker.fitness-mode", "noop"));
    stack.startApi(Map.of());
    stack.cleanDatabase();
    stack.startApi(Map.of());
    stack.startWorker(Map.of());
    stack.startWorker(Map.of());
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void generationsAdvanceExactlyOnceWithTwoApiReplicas() {
    Http first = new Http(stack.apiUrl(0));
    Http second = new Http(stack.apiUrl(1));
    String body =
        "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"population\":12,\"offspring\":12,"
            + "\"generations\":6,\"seed\":3}";
    String id = first.post("/v1/searches", body).json().get("id").asString();

    String status = second.awaitEnd(id, Duration.ofMinutes(3));
    assertThat(status).isEqualTo("SUCCEEDED");

    var jdbc = stack.jdbc();
    List<Integer> numbers =
        jdbc.queryForList(
            "select number from generation where job_id = ?::uuid order by number",
            Integer.class,
            id);
    assertThat(numbers).containsExactly(0, 1, 2, 3, 4, 5);
    Integer generationsOfIndividuals =
        jdbc.queryForObject(
            "select count(distinct generation) from individual where job_id = ?::uuid",
            Integer.class,
            id);
    assertThat(generationsOfIndividuals).isEqualTo(6);
    Integer notOnce =
        jdbc.queryForObject(
            "select count(*) from (select i.id from individual i join evaluation_task t"
                + " on t.individual_id = i.id where i.job_id = ?::uuid group by i.id"
                + " having count(*) filter (where t.state = 'DONE') <> 1) x",
            Integer.class,
            id);
    assertThat(notOnce).isZero();
    Integer pending =
        jdbc.queryForObject(
            "select count(*) from individual where job_id = ?::uuid and status <> 'EVALUATED'",
            Integer.class,
            id);
    assertThat(pending).isZero();
  }
}

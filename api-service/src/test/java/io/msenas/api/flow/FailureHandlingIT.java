package io.msenas.api.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Leases, retries, duplicates and dead letters, against the real broker and database. */
class FailureHandlingIT {

  private ServiceStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anExpiredLeaseIsDispatchedAgainAndTheLateDuplicateResultIsCountedNotApplied() {
    stack =
        new ServiceStack(
            Map.of(
                "mse-nas.worker.fitness-mode", "noop",
                "mse-nas.dispatch.lease", "2s",
                "mse-nas.dispatch.lease-check-interval", "300ms",
                "mse-nas.dispatch.max-attempts", "3"));
    stack.startApi(Map.of());
    stack.cleanDatabase();
    Http http = new Http(stack.apiUrl(0));
    String id =
        http.post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":11}")
            .json()
            .get("id")
            .asString();

    // no worker yet: the first attempts' leases run out and second attempts are queued
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack
                    .jdbc()
                    .queryForObject(
                        "select count(*) from evaluation_task where job_id = ?::uuid and attempt = 2",
                        Integer.class,
                        id),
            n -> n == 4);
    stack.startWorker(Map.of());

    String status = http.awaitEnd(id, Duration.ofMinutes(2));
    assertThat(status).isEqualTo("SUCCEEDED");
    // both attempts of generation 0 were answered; the first answer won, the second was a duplicate
    Integer evaluatedTwice =
        stack
            .jdbc()
            .queryForObject(
                "select count(*) from (select individual_id from evaluation_task where job_id = ?::uuid"
                    + " and state = 'DONE' group by individual_id having count(*) > 1) x",
                Integer.class,
                id);
    assertThat(evaluatedTwice).isZero();
    double duplicates =
        stack
            .apis()
            .get(0)
            .getBean(io.micrometer.core.instrument.MeterRegistry.class)
            .counter("mse_nas.results.duplicates")
            .count();
    assertThat(duplicates).isGreaterThanOrEqualTo(1);
  }

  @Test
  void
      anIndividualThatRunsOutOfAttemptsIsFailedAndDeadLetteredAndAFailedGenerationFailsTheSearch() {
    stack =
        new ServiceStack(
            Map.of(
                "mse-nas.dispatch.lease", "1s",
                "mse-nas.dispatch.lease-check-interval", "200ms",
                "mse-nas.dispatch.max-attempts", "2"));
    stack.startApi(Map.of());
    stack.cleanDatabase();
    Http http = new Http(stack.apiUrl(0));
    String id =
        http.post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":5}")
            .json()
            .get("id")
            .asString();

    // no worker ever comes: two attempts per individual, then each is given up
    var done =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> http.get("/v1/searches/" + id).json(),
                s -> s.get("status").asString().equals("FAILED"));
    assertThat(done.get("error").asString()).contains("every individual of generation 0 failed");
    assertThat(done.get("progress").get("evaluationsFailed").asInt()).isEqualTo(4);
    List<String> errors =
        stack
            .jdbc()
            .queryForList("select error from individual where job_id = ?::uuid", String.class, id);
    assertThat(errors)
        .hasSize(4)
        .allSatisfy(e -> assertThat(e).contains("lease of attempt 2 expired"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> stack.queueDepth(".evaluation.tasks.dead") >= 4);
  }

  @Test
  void anUnreadableResultIsDeadLetteredAndTheConsumerKeepsWorking() {
    stack = new ServiceStack(Map.of("mse-nas.worker.fitness-mode", "noop"));
    stack.startApi(Map.of());
    stack.cleanDatabase();
    RabbitTemplate rabbit = stack.apis().get(0).getBean(RabbitTemplate.class);
    MessageProperties properties = new MessageProperties();
    properties.setContentType("application/json");
    rabbit.send(
        stack.prefix() + ".results",
        "evaluation",
        new Message("{not json".getBytes(StandardCharsets.UTF_8), properties));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> stack.queueDepth(".evaluation.results.dead") == 1);

    stack.startWorker(Map.of());
    Http http = new Http(stack.apiUrl(0));
    String id =
        http.post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":2}")
            .json()
            .get("id")
            .asString();
    String status = http.awaitEnd(id, Duration.ofMinutes(2));
    assertThat(status).isEqualTo("SUCCEEDED");
  }

  @Test
  void leasesDoNotRunOutWhileTasksWaitInTheQueueForABusyWorker() throws Exception {
    stack =
        new ServiceStack(
            Map.of(
                "mse-nas.worker.fitness-mode", "noop",
                "mse-nas.dispatch.lease", "1s",
                "mse-nas.dispatch.lease-check-interval", "200ms",
                "mse-nas.dispatch.max-attempts", "3"));
    stack.startApi(Map.of());
    stack.cleanDatabase();
    Http http = new Http(stack.apiUrl(0));
    // a worker that takes one task and never finishes it: the other three wait in the queue
    // (a connection of its own: Spring's caching factory would keep a closed channel's consumer)
    Connection connection =
        stack
            .apis()
            .get(0)
            .getBean(CachingConnectionFactory.class)
            .getRabbitConnectionFactory()
            .newConnection();
    Channel busy = connection.createChannel();
    busy.basicQos(1);
    String id =
        http.post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":13}")
            .json()
            .get("id")
            .asString();
    busy.basicConsume(stack.prefix() + ".evaluation.tasks", false, new DefaultConsumer(busy));
    await().atMost(Duration.ofSeconds(10)).until(() -> stack.queueDepth(".evaluation.tasks") == 3);

    // four times the lease: no lease runs out while tasks wait for a consumer that is busy
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> attempts(id, 2), n -> n == 0);
    assertThat(attempts(id, 1)).isEqualTo(4);

    // the busy worker goes away (its task back in the queue) and none is left: leases run out again
    busy.close();
    connection.close();
    await().atMost(Duration.ofSeconds(20)).until(() -> attempts(id, 2), n -> n == 4);
    stack.startWorker(Map.of());
    assertThat(http.awaitEnd(id, Duration.ofMinutes(2))).isEqualTo("SUCCEEDED");
  }

  @Test
  void resultsArrivingAfterACancelChangeNothing() {
    stack = new ServiceStack(Map.of("mse-nas.worker.fitness-mode", "noop"));
    stack.startApi(Map.of());
    stack.cleanDatabase();
    Http http = new Http(stack.apiUrl(0));
    String id =
        http.post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":17}")
            .json()
            .get("id")
            .asString();
    await().atMost(Duration.ofSeconds(10)).until(() -> stack.queueDepth(".evaluation.tasks") == 4);
    assertThat(http.post("/v1/searches/" + id + "/cancel", "").status()).isEqualTo(200);

    // the tasks were in the queue already: a worker still evaluates them and answers
    stack.startWorker(Map.of());
    var intake = stack.apis().get(0).getBean(MeterRegistry.class).get("mse_nas.results.intake");
    await().atMost(Duration.ofSeconds(60)).until(() -> intake.timer().count() >= 4);

    var search = http.get("/v1/searches/" + id).json();
    assertThat(search.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(search.get("progress").get("evaluationsDone").asInt()).isZero();
    assertThat(search.get("progress").get("bestFitness").isNull()).isTrue();
    assertThat(
            stack
                .jdbc()
                .queryForList(
                    "select state from evaluation_task where job_id = ?::uuid", String.class, id))
        .hasSize(4)
        .containsOnly("CANCELLED");
    assertThat(
            stack
                .jdbc()
                .queryForObject(
                    "select count(*) from individual where job_id = ?::uuid and status = 'EVALUATED'",
                    Integer.class,
                    id))
        .isZero();
  }

  private int attempts(String searchId, int attempt) {
    return stack
        .jdbc()
        .queryForObject(
            "select count(*) from evaluation_task where job_id = ?::uuid and attempt = ?",
            Integer.class,
            searchId,
            attempt);
  }
}

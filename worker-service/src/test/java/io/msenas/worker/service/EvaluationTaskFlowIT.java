package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.msenas.model.message.EvaluationOutcome;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole worker against a real RabbitMQ ({@code MSE_NAS_RABBITMQ_HOST}, default 127.0.0.1, port
 * 5672, guest/guest), with quorum queues, under exchange and queue names unique to this run. Tasks
 * go in through the task exchange as the API service would send them; results are read from the
 * results queue as the API service would read them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=worker",
      "spring.rabbitmq.host=${MSE_NAS_RABBITMQ_HOST:127.0.0.1}",
      "spring.rabbitmq.port=5672",
      "mse-nas.messaging.quorum-queues=true",
      "mse-nas.messaging.shutdown-timeout=5s",
      // this test is about evaluations: no training topology on the shared broker
      "mse-nas.worker.training.enabled=false"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class EvaluationTaskFlowIT {

  private static final String RUN = "mse-nas-it-" + UUID.randomUUID().toString().substring(0, 8);
  private static final Duration EVALUATION = Duration.ofSeconds(120);

  @DynamicPropertySource
  static void uniqueNames(DynamicPropertyRegistry registry) {
    registry.add("mse-nas.messaging.task-exchange", () -> RUN + ".tasks");
    registry.add("mse-nas.messaging.task-queue", () -> RUN + ".evaluation.tasks");
    registry.add("mse-nas.messaging.result-exchange", () -> RUN + ".results");
    registry.add("mse-nas.messaging.result-queue", () -> RUN + ".evaluation.results");
    registry.add("mse-nas.messaging.dead-letter-exchange", () -> RUN + ".dead-letter");
    registry.add("mse-nas.messaging.task-dead-letter-queue", () -> RUN + ".evaluation.tasks.dead");
    registry.add(
        "mse-nas.messaging.result-dead-letter-queue", () -> RUN + ".evaluation.results.dead");
  }

  @Autowired private MessagingProperties messaging;
  @Autowired private ConnectionFactory connectionFactory;
  @Autowired private AmqpAdmin admin;

  @Autowired
  @Qualifier("evaluationTaskContainer")
  private SimpleMessageListenerContainer container;

  @Autowired private MeterRegistry meters;
  @LocalServerPort private int port;

  private final MessageCodec codec = new MessageCodec();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private RabbitTemplate broker;

  /** A result as read from the results queue, with its headers. */
  record Received(EvaluationResult result, Map<String, Object> headers) {}

  @Test
  @Order(1)
  void aValidTaskIsAnsweredOnceAndAcknowledged() {
    EvaluationTask task = Tasks.smoke(1, 7);

    send(codec.writeTask(task));

    EvaluationResult result = awaitOnlyResult(task);
    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.SUCCEEDED);
    assertThat(result.individualId()).isEqualTo(task.individualId());
    assertThat(result.score()).isNotNull();
    assertThat(Double.isFinite(result.score())).isTrue();
    assertThat(result.canonicalHash()).isEqualTo(Tasks.SPACE.contentHash(task.genome()));
    assertThat(result.rdm().size()).isEqualTo(task.fitness().batchSize());
    assertThat(result.spikeRates()).isNotEmpty();
    assertThat(result.provenance().seed()).isEqualTo(7);
    assertTaskQueueEmptyWithNothingUnacknowledged();
  }

  @Test
  @Order(2)
  void aMalformedMessageIsDeadLetteredAndTheWorkerKeepsConsuming() {
    double rejectedBefore = evaluations("rejected");
    byte[] garbage = "{\"schemaVersion\": 1, \"taskId\": oops".getBytes(StandardCharsets.UTF_8);

    send(garbage);

    Message dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> receiver().receive(messaging.taskDeadLetterQueue()), Objects::nonNull);
    assertThat(dead.getBody()).isEqualTo(garbage);
    List<Map<String, ?>> deaths = dead.getMessageProperties().getXDeathHeader();
    assertThat(deaths).isNotEmpty();
    assertThat(deaths.get(0).get("reason")).hasToString("rejected");
    assertThat(evaluations("rejected")).isEqualTo(rejectedBefore + 1);

    EvaluationTask task = Tasks.smoke(2, 8);
    send(codec.writeTask(task));
    assertThat(awaitOnlyResult(task).outcome()).isEqualTo(EvaluationOutcome.SUCCEEDED);
  }

  @Test
  @Order(3)
  void anInvalidGenomeIsAnsweredWithANonRetryableFailureNamingTheGene() {
    // gene 0 is cell 0's motif gene, bounded by [0, 3]
    EvaluationTask task = Tasks.withGene(Tasks.smoke(3, 9), 0, 7);

    send(codec.writeTask(task));

    EvaluationResult result = awaitOnlyResult(task);
    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.FAILED);
    assertThat(result.individualId()).isEqualTo(task.individualId());
    assertThat(result.failure().retryable()).isFalse();
    assertThat(result.failure().message()).contains("gene 0").contains("= 7");
    assertThat(result.score()).isNull();
  }

  @Test
  @Order(4)
  void theSameTaskTwiceIsAnsweredTwiceTheSecondTimeFromTheCache() {
    double hitsBefore = meters.get(WorkerMetrics.CACHE_HITS).counter().count();
    EvaluationTask task = Tasks.smoke(4, 11);
    byte[] body = codec.writeTask(task);

    send(body);
    send(body);

    await().atMost(EVALUATION.multipliedBy(2)).until(() -> resultsFor(task).size() >= 2);
    assertNoMoreResults(task, 2);
    List<Received> answers = resultsFor(task);
    assertThat(answers)
        .allSatisfy(
            r -> {
              assertThat(r.result().outcome()).isEqualTo(EvaluationOutcome.SUCCEEDED);
              assertThat(r.result().individualId()).isEqualTo(task.individualId());
            });
    assertThat(answers.get(1).result().score()).isEqualTo(answers.get(0).result().score());
    assertThat(answers.get(1).result().rdm()).isEqualTo(answers.get(0).result().rdm());
    assertThat(answers.get(0).headers()).containsEntry(ResultPublisher.CACHE_HIT_HEADER, false);
    assertThat(answers.get(1).headers()).containsEntry(ResultPublisher.CACHE_HIT_HEADER, true);
    assertThat(meters.get(WorkerMetrics.CACHE_HITS).counter().count()).isEqualTo(hitsBefore + 1);
  }

  @Test
  @Order(5)
  void prometheusShowsTheCountersOfTheTasksAbove() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    String scrape = response.body();
    // tasks 1, 2, 4 (twice) succeeded; 3 failed; one message rejected; one cache hit
    assertThat(sample(scrape, "mse_nas_worker_evaluations_total", "outcome=\"succeeded\""))
        .isGreaterThanOrEqualTo(4);
    assertThat(sample(scrape, "mse_nas_worker_evaluations_total", "outcome=\"failed\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(sample(scrape, "mse_nas_worker_evaluations_total", "outcome=\"rejected\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(sample(scrape, "mse_nas_worker_cache_hits_total", "")).isGreaterThanOrEqualTo(1);
    assertThat(sample(scrape, "mse_nas_worker_evaluation_duration_seconds_count", "succeeded"))
        .isGreaterThanOrEqualTo(3);
    // Prometheus gets the histogram (quantiles by histogram_quantile); with the 1.x client a
    // histogram cannot also carry client-side quantiles, which other registries do get
    assertThat(sample(scrape, "mse_nas_worker_evaluation_duration_seconds_bucket", "le=\"+Inf\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            meters
                .get(WorkerMetrics.DURATION)
                .tag("outcome", "succeeded")
                .timer()
                .takeSnapshot()
                .percentileValues())
        .extracting(ValueAtPercentile::percentile)
        .containsExactly(0.5, 0.95, 0.99);
    assertThat(sample(scrape, "mse_nas_worker_spikes_count", "")).isGreaterThanOrEqualTo(3);
    assertThat(sample(scrape, "mse_nas_worker_spikes_sum", "")).isGreaterThan(0);
    assertThat(sample(scrape, "mse_nas_worker_info", "native_variant=\"linux-x86_64-onednn"))
        .isEqualTo(1);
    assertThat(scrape).containsPattern("mse_nas_worker_info\\{[^}]*backend=\"");
  }

  @Test
  @Order(6)
  void aResultThatCannotBeRoutedIsNeverAcknowledgedAndTheDeliveryLimitEndsTheRetries() {
    double unconfirmedBefore = meters.get(WorkerMetrics.UNCONFIRMED).counter().count();
    double succeededBefore = evaluations("succeeded");
    // answered from the cache, so that every retry is quick
    EvaluationTask task = Tasks.again(Tasks.smoke(4, 11));
    Binding results =
        new Binding(
            messaging.resultQueue(),
            Binding.DestinationType.QUEUE,
            messaging.resultExchange(),
            messaging.routingKey(),
            null);
    admin.removeBinding(results);
    try {
      send(codec.writeTask(task));

      Message dead =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> receiver().receive(messaging.taskDeadLetterQueue()), Objects::nonNull);
      assertThat(codec.readTask(dead.getBody()).taskId()).isEqualTo(task.taskId());
      assertThat(dead.getMessageProperties().getXDeathHeader().get(0).get("reason"))
          .hasToString("delivery_limit");
      // the first delivery and delivery-limit redeliveries, each returned unroutable
      assertThat(meters.get(WorkerMetrics.UNCONFIRMED).counter().count())
          .isEqualTo(unconfirmedBefore + messaging.deliveryLimit() + 1);
      assertThat(evaluations("succeeded")).isEqualTo(succeededBefore);
    } finally {
      admin.declareBinding(results);
    }
    assertThat(resultsFor(task)).isEmpty();
  }

  @AfterAll
  void deleteTheTopology() {
    container.stop();
    admin.deleteQueue(messaging.taskQueue());
    admin.deleteQueue(messaging.resultQueue());
    admin.deleteQueue(messaging.taskDeadLetterQueue());
    admin.deleteQueue(messaging.resultDeadLetterQueue());
    admin.deleteExchange(messaging.taskExchange());
    admin.deleteExchange(messaging.deadLetterExchange());
    admin.deleteExchange(messaging.resultExchange());
  }

  private void send(byte[] body) {
    Message message =
        MessageBuilder.withBody(body)
            .setContentType("application/json")
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .build();
    receiver().send(messaging.taskExchange(), messaging.routingKey(), message);
  }

  /** Waits for the task's result, then checks for a while that no second one follows. */
  private EvaluationResult awaitOnlyResult(EvaluationTask task) {
    await().atMost(EVALUATION).until(() -> !resultsFor(task).isEmpty());
    assertNoMoreResults(task, 1);
    return resultsFor(task).get(0).result();
  }

  private void assertNoMoreResults(EvaluationTask task, int expected) {
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> resultsFor(task).size() == expected);
  }

  /** Drains the results queue into {@link #received}; the results of {@code task}, in order. */
  private List<Received> resultsFor(EvaluationTask task) {
    Message message;
    while ((message = receiver().receive(messaging.resultQueue())) != null) {
      received.add(
          new Received(
              codec.readResult(message.getBody()), message.getMessageProperties().getHeaders()));
    }
    return received.stream().filter(r -> r.result().taskId().equals(task.taskId())).toList();
  }

  private void assertTaskQueueEmptyWithNothingUnacknowledged() {
    // an unacknowledged task goes back to the queue when its consumer's channel closes
    container.stop();
    try {
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                QueueInformation info = admin.getQueueInfo(messaging.taskQueue());
                return info != null && info.getMessageCount() == 0 && info.getConsumerCount() == 0;
              });
    } finally {
      container.start();
    }
  }

  private double evaluations(String outcome) {
    return meters.get(WorkerMetrics.EVALUATIONS).tag("outcome", outcome).counter().count();
  }

  private RabbitTemplate receiver() {
    if (broker == null) {
      broker = new RabbitTemplate(connectionFactory);
    }
    return broker;
  }

  /** The value of the first sample of {@code metric} whose line contains {@code labelText}. */
  private static double sample(String scrape, String metric, String labelText) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
    while (m.find()) {
      if (m.group(1) == null ? labelText.isEmpty() : m.group(1).contains(labelText)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no sample " + metric + " with " + labelText + " in:\n" + scrape);
  }
}

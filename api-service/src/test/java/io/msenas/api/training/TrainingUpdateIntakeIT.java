package io.msenas.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.TrainingQueues;
import io.msenas.model.message.TrainingUpdate;
import io.msenas.model.preset.Preset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training updates that can never be taken in, published to the real broker as a worker would and
 * taken in by the real API and database: the training fails naming why, the update is not
 * redelivered, and the consumer carries on. No worker runs; the tests play its part.
 */
class TrainingUpdateIntakeIT {

  private static ServiceStack stack;
  private static Http http;
  private static RabbitTemplate rabbit;
  private static JsonMapper json;

  @BeforeAll
  static void start() {
    stack = new ServiceStack(Map.of());
    stack.startApi(Map.of());
    http = new Http(stack.apiUrl(0));
    rabbit = stack.apis().get(0).getBean(RabbitTemplate.class);
    json = stack.apis().get(0).getBean(JsonMapper.class);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** A queued smoke training (no worker takes it); its id. */
  static UUID queuedTraining() {
    Genome genome =
        SearchSpace.of(Preset.SMOKE.cells(), InputKind.STATIC_IMAGE)
            .randomGenomeThatCanClassify(new SplittableRandom(7));
    String body =
        "{\"genome\":{\"searchSpaceVersion\":\""
            + genome.searchSpaceVersion()
            + "\",\"genes\":["
            + Arrays.stream(genome.genes())
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(","))
            + "]},\"preset\":\"smoke\",\"seed\":"
            + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)
            + "}";
    Http.Response created = http.post("/v1/trainings", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return UUID.fromString(created.json().get("id").asString());
  }

  /** Publishes an update to this stack's training exchange, as a worker does. */
  static void publish(TrainingUpdate update) {
    publish(json.writeValueAsString(update));
  }

  static void publish(String body) {
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    rabbit.send(
        stack.prefix() + ".trainings",
        TrainingQueues.UPDATE_KEY,
        new Message(body.getBytes(StandardCharsets.UTF_8), properties));
  }

  static TrainingUpdate update(
      UUID id,
      TrainingUpdate.Type type,
      TrainingUpdate.Epoch epoch,
      String checkpoint,
      TrainingUpdate.Outcome outcome) {
    return new TrainingUpdate(
        TrainingUpdate.SCHEMA_VERSION, id, 1, type, epoch, checkpoint, outcome, null, null);
  }

  static TrainingUpdate.Outcome outcome(String model) {
    return new TrainingUpdate.Outcome(0.9, 0.9, 1, 1000, 50.0, model, null);
  }

  static TrainingUpdate.Epoch epoch() {
    return new TrainingUpdate.Epoch(1, 1, 0.5, 0.8, 0.8, 0.1, 0.01, 3.0, 0.0);
  }

  JsonNode awaitFinished(UUID id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> http.get("/v1/trainings/" + id).json(),
            t -> !t.get("status").asString().matches("QUEUED|RUNNING"));
  }

  /** The update queue is empty: nothing was requeued to be taken in again. */
  void awaitUpdatesDrained() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> stack.queueDepth(".training.updates"), depth -> depth == 0);
  }

  @Test
  void aSucceededUpdateWithAModelThatIsNotBase64FailsTheTrainingOnce() {
    UUID id = queuedTraining();
    publish(update(id, TrainingUpdate.Type.SUCCEEDED, null, null, outcome("not base64!")));

    JsonNode training = awaitFinished(id);
    assertThat(training.get("status").asString()).isEqualTo("FAILED");
    assertThat(training.get("error").asString())
        .startsWith("InvalidUpdate: the worker's SUCCEEDED update of attempt 1")
        .contains("outcome.model is not valid base64");
    assertThat(training.get("result").isNull()).isTrue();
    awaitUpdatesDrained();
    assertThat(
            stack
                .jdbc()
                .queryForObject(
                    "select count(*) from model_artifact where training_id = ?", Long.class, id))
        .isZero();
  }

  @Test
  void aSucceededUpdateWithoutAModelFailsTheTraining() {
    UUID id = queuedTraining();
    publish(update(id, TrainingUpdate.Type.SUCCEEDED, null, null, outcome(null)));

    JsonNode training = awaitFinished(id);
    assertThat(training.get("status").asString()).isEqualTo("FAILED");
    assertThat(training.get("error").asString()).contains("outcome.model is missing");
    awaitUpdatesDrained();
  }

  @Test
  void aProgressUpdateWithACheckpointThatIsNotBase64FailsTheTraining() {
    UUID id = queuedTraining();
    publish(update(id, TrainingUpdate.Type.PROGRESS, epoch(), "%%%", null));

    JsonNode training = awaitFinished(id);
    assertThat(training.get("status").asString()).isEqualTo("FAILED");
    assertThat(training.get("error").asString())
        .contains("PROGRESS update")
        .contains("checkpoint is not valid base64");
    // the failed update's epoch was rolled back with it
    assertThat(training.get("epochs")).isEmpty();
    awaitUpdatesDrained();
  }

  @Test
  void afterUpdatesThatCannotBeTakenInTheConsumerTakesTheNextOnes() {
    UUID broken = queuedTraining();
    UUID healthy = queuedTraining();
    publish("{not json");
    publish(update(broken, TrainingUpdate.Type.SUCCEEDED, null, null, outcome("not base64!")));
    byte[] model = "a model".getBytes(StandardCharsets.UTF_8);
    publish(
        update(
            healthy,
            TrainingUpdate.Type.SUCCEEDED,
            null,
            null,
            outcome(Base64.getEncoder().encodeToString(model))));

    assertThat(awaitFinished(broken).get("status").asString()).isEqualTo("FAILED");
    JsonNode done = awaitFinished(healthy);
    assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("result").get("modelSha256").asString())
        .isEqualTo(TrainingService.sha256(model));
    awaitUpdatesDrained();
  }

  @Test
  void failingForAnUpdateLeavesAFinishedTrainingAndANewerAttemptAsTheyWere() {
    TrainingUpdateIntake intake = stack.apis().get(0).getBean(TrainingUpdateIntake.class);
    RuntimeException cause = new IllegalArgumentException("bad");

    UUID finished = queuedTraining();
    byte[] model = "a model".getBytes(StandardCharsets.UTF_8);
    publish(
        update(
            finished,
            TrainingUpdate.Type.SUCCEEDED,
            null,
            null,
            outcome(Base64.getEncoder().encodeToString(model))));
    assertThat(awaitFinished(finished).get("status").asString()).isEqualTo("SUCCEEDED");
    intake.failUntakeable(
        update(finished, TrainingUpdate.Type.SUCCEEDED, null, null, outcome("x")), cause);
    assertThat(http.get("/v1/trainings/" + finished).json().get("status").asString())
        .isEqualTo("SUCCEEDED");

    // an update of attempt 1 arriving after the job moved on to attempt 2
    UUID moved = queuedTraining();
    stack.jdbc().update("update training_job set attempt = 2 where id = ?", moved);
    intake.failUntakeable(update(moved, TrainingUpdate.Type.PROGRESS, epoch(), "%%%", null), cause);
    JsonNode training = http.get("/v1/trainings/" + moved).json();
    assertThat(training.get("status").asString()).isEqualTo("QUEUED");
    assertThat(training.get("error").isNull()).isTrue();

    // the same update of the job's attempt fails it
    stack.jdbc().update("update training_job set attempt = 1 where id = ?", moved);
    intake.failUntakeable(update(moved, TrainingUpdate.Type.PROGRESS, epoch(), "%%%", null), cause);
    training = http.get("/v1/trainings/" + moved).json();
    assertThat(training.get("status").asString()).isEqualTo("FAILED");
    assertThat(training.get("error").asString())
        .isEqualTo(
            "InvalidUpdate: the worker's PROGRESS update of attempt 1 could not be taken in:"
                + " java.lang.IllegalArgumentException: bad");
  }
}

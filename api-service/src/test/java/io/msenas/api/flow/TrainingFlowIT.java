package io.msenas.api.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Trainings through REST, the real broker, a real worker training with the real engine on the
 * shipped MNIST digits, and the real database: per-epoch progress, the model download, a failure
 * that leaves the worker serving, and a lost worker whose training resumes on another from its
 * checkpoint.
 */
class TrainingFlowIT {

  private ServiceStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * A smoke-preset architecture as an inline genome (4 cells, one searched): the first that can
   * classify among the seed's draws.
   */
  static String genomeJson(long seed) {
    SearchSpace space = SearchSpace.of(Preset.SMOKE.cells(), InputKind.STATIC_IMAGE);
    Genome genome = space.randomGenomeThatCanClassify(new SplittableRandom(seed));
    return "{\"searchSpaceVersion\":\""
        + genome.searchSpaceVersion()
        + "\",\"genes\":["
        + Arrays.stream(genome.genes()).mapToObj(Integer::toString).collect(Collectors.joining(","))
        + "]}";
  }

  static String smokeTraining(long seed, int epochs, String dataset) {
    return "{\"genome\":"
        + genomeJson(seed)
        + ",\"preset\":\"smoke\",\"dataset\":\""
        + dataset
        + "\",\"epochs\":"
        + epochs
        // a slice of the training split and a brisk learning rate keep the test short
        + ",\"trainSamples\":256,\"batchSize\":32,\"learningRatePer1024\":0.5}";
  }

  String awaitTraining(Http http, String id, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> http.get("/v1/trainings/" + id).json().get("status").asString(),
            s -> s.equals("SUCCEEDED") || s.equals("FAILED") || s.equals("CANCELLED"));
    return http.get("/v1/trainings/" + id).json().get("status").asString();
  }

  @Test
  void aTrainingReportsEveryEpochAndServesItsModelAndABadOneLeavesTheWorkerServing()
      throws Exception {
    stack = new ServiceStack(Map.of());
    ConfigurableApplicationContext api = stack.startApi(Map.of());
    stack.cleanDatabase();
    stack.startWorker(Map.of());
    Http http = new Http(stack.apiUrl(0));
    // which thread publishes each training task: never the request's (a study queues hundreds)
    Map<String, String> publishedBy = new ConcurrentHashMap<>();
    api.getBean(RabbitTemplate.class)
        .addBeforePublishPostProcessors(
            message -> {
              String messageId = message.getMessageProperties().getMessageId();
              if (messageId != null) {
                publishedBy.put(messageId, Thread.currentThread().getName());
              }
              return message;
            });

    // a data set this worker has no files for: the training fails naming where it looked
    Http.Response bad = http.post("/v1/trainings", smokeTraining(1, 1, "cifar10"));
    assertThat(bad.status()).isEqualTo(201);
    String badId = bad.json().get("id").asString();
    assertThat(awaitTraining(http, badId, Duration.ofMinutes(1))).isEqualTo("FAILED");
    assertThat(http.get("/v1/trainings/" + badId).json().get("error").asString())
        .contains("InvalidData")
        .contains("cifar10");

    // the same worker takes the next one
    Http.Response created = http.post("/v1/trainings", smokeTraining(2, 2, "mnist"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(awaitTraining(http, id, Duration.ofMinutes(8))).isEqualTo("SUCCEEDED");
    assertThat(publishedBy.get(id + "/1"))
        .as("the thread that published the training")
        .matches("training-relay|scheduling-.*");

    JsonNode training = http.get("/v1/trainings/" + id).json();
    assertThat(training.get("progress").get("epochsDone").asInt()).isEqualTo(2);
    assertThat(training.get("progress").get("attempt").asInt()).isEqualTo(1);
    JsonNode epochs = training.get("epochs");
    assertThat(epochs.size()).isEqualTo(2);
    for (JsonNode epoch : epochs) {
      assertThat(epoch.get("loss").asDouble()).isPositive().isFinite();
      assertThat(epoch.get("validationAccuracy").asDouble()).isBetween(0.0, 1.0);
      assertThat(epoch.get("learningRate").asDouble()).isPositive();
    }
    JsonNode result = training.get("result");
    // how well it learns is the engine's benchmark (docs/training.md); here: it was measured
    assertThat(result.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(result.get("bestEpoch").asInt()).isBetween(1, 2);
    assertThat(result.get("parameterCount").asLong()).isPositive();
    assertThat(result.get("samplesPerSecond").asDouble()).isPositive();
    assertThat(training.get("provenance").get("nativeVariant").asString()).isNotBlank();

    HttpResponse<byte[]> model =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(stack.apiUrl(0) + "/v1/trainings/" + id + "/model"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(model.statusCode()).isEqualTo(200);
    String sha =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model.body()));
    assertThat(sha)
        .isEqualTo(result.get("modelSha256").asString())
        .isEqualTo(model.headers().firstValue("X-Model-Sha256").orElseThrow());
  }

  @Test
  void aLostWorkersTrainingResumesFromItsCheckpointOnAnother() {
    Map<String, Object> fast =
        Map.of(
            "mse-nas.training-messaging.lease", "15s",
            "mse-nas.worker.training.heartbeat", "2s");
    stack = new ServiceStack(fast);
    stack.startApi(Map.of());
    stack.cleanDatabase();
    ConfigurableApplicationContext first = stack.startWorker(Map.of());
    Http http = new Http(stack.apiUrl(0));
    String id =
        http.post("/v1/trainings", smokeTraining(3, 3, "mnist")).json().get("id").asString();

    // the first worker finishes an epoch (and checkpoints it), then dies
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> http.get("/v1/trainings/" + id).json().get("progress").get("checkpointEpoch"),
            e -> !e.isNull());
    first.close();
    int checkpointEpoch =
        http.get("/v1/trainings/" + id).json().get("progress").get("checkpointEpoch").asInt();

    // no heartbeat for the lease: attempt 2 goes out with the checkpoint; a new worker resumes it
    stack.startWorker(Map.of());
    assertThat(awaitTraining(http, id, Duration.ofMinutes(8))).isEqualTo("SUCCEEDED");
    JsonNode training = http.get("/v1/trainings/" + id).json();
    assertThat(training.get("progress").get("attempt").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode epochs = training.get("epochs");
    assertThat(epochs.size()).isEqualTo(3);
    // the epochs after the checkpoint were trained by the later attempt, the ones before it not
    // again
    assertThat(epochs.get(checkpointEpoch - 1).get("attempt").asInt()).isEqualTo(1);
    assertThat(epochs.get(2).get("attempt").asInt()).isGreaterThanOrEqualTo(2);
  }
}

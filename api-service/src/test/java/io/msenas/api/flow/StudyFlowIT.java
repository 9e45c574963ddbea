package io.msenas.api.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.msenas.api.study.RankCorrelation;
import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A correlation study through REST, the real broker, a real worker (scoring with the real fitness
 * engine and training with the real trainer on the shipped MNIST digits) and the real database:
 * every architecture comes back scored and trained, and the correlations reported are those of the
 * members' own figures.
 */
class StudyFlowIT {

  private static final List<String> FITNESSES =
      List.of("rdm-hamming", "rdm-pearson", "rsa-labels", "sahd-logdet");

  private ServiceStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aStudyScoresAndTrainsEveryArchitectureAndCorrelatesTheirFigures() {
    stack = new ServiceStack(Map.of());
    stack.startApi(Map.of());
    stack.cleanDatabase();
    Http http = new Http(stack.apiUrl(0));

    // bad fields: all named at once, and nothing stored
    Http.Response bad =
        http.post(
            "/v1/studies",
            "{\"architectures\":2,\"dataset\":\"cifar10\",\"fitnesses\":[\"rdm-hamming\",\"nope\"]}");
    assertThat(bad.status()).isEqualTo(400);
    Set<String> fields = new HashSet<>();
    bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("architectures", "dataset", "fitnesses[1]");
    assertThat(stack.jdbc().queryForObject("select count(*) from study_job", Long.class)).isZero();
    assertThat(stack.jdbc().queryForObject("select count(*) from training_job", Long.class))
        .isZero();

    String body =
        "{\"preset\":\"smoke\",\"architectures\":4,\"epochs\":1,\"trainSamples\":128,"
            + "\"batchSize\":32,\"learningRatePer1024\":0.5,\"seed\":3}";
    Http.Response created = http.post("/v1/studies", body, "Idempotency-Key", "study-1");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    // the same key and body give the same study; the same key with another body is a conflict
    Http.Response again = http.post("/v1/studies", body, "Idempotency-Key", "study-1");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asString()).isEqualTo(id);
    Http.Response other =
        http.post(
            "/v1/studies", body.replace("\"seed\":3", "\"seed\":4"), "Idempotency-Key", "study-1");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");
    assertThat(stack.jdbc().queryForObject("select count(*) from study_job", Long.class))
        .isEqualTo(1);
    JsonNode queued = created.json();
    assertThat(queued.get("status").asString()).isEqualTo("RUNNING");
    assertThat(queued.get("members").size()).isEqualTo(4);
    assertThat(queued.get("correlations").size()).isZero();
    assertThat(queued.get("spec").get("fitnesses").size()).isEqualTo(4);

    // the worker starts after the submission: the trainings waited in the queue for it
    stack.startWorker(Map.of());
    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> http.get("/v1/studies/" + id).json().get("status").asString(),
            s -> !s.equals("RUNNING"));
    JsonNode study = http.get("/v1/studies/" + id).json();
    assertThat(study.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(study.get("progress").get("succeeded").asInt()).isEqualTo(4);
    assertThat(study.get("finishedAt").isNull()).isFalse();

    Map<String, List<Double>> predictors = new HashMap<>();
    List<Double> accuracy = new ArrayList<>();
    Set<String> hashes = new HashSet<>();
    for (JsonNode m : study.get("members")) {
      assertThat(m.get("status").asString()).isEqualTo("SUCCEEDED");
      hashes.add(m.get("canonicalHash").asString());
      for (String f : FITNESSES) {
        assertThat(m.get("scores").get(f).asDouble()).as(f).isFinite();
        predictors
            .computeIfAbsent(f, k -> new ArrayList<>())
            .add(m.get("scores").get(f).asDouble());
      }
      assertThat(m.get("spikeRate").asDouble()).isBetween(0.0, 1.0);
      // a random network may be silent: no spikes, no synaptic operations, a zero RDM
      assertThat(m.get("synapticOperations").asDouble()).isNotNegative();
      assertThat(m.get("parameterCount").asLong()).isPositive();
      predictors
          .computeIfAbsent("parameterCount", k -> new ArrayList<>())
          .add((double) m.get("parameterCount").asLong());
      predictors
          .computeIfAbsent("spikeRate", k -> new ArrayList<>())
          .add(m.get("spikeRate").asDouble());
      double validation = m.get("validationAccuracy").asDouble();
      assertThat(validation).isBetween(0.0, 1.0);
      accuracy.add(validation);
      // the member is an ordinary training, with its epoch's figures
      JsonNode training = http.get("/v1/trainings/" + m.get("trainingId").asString()).json();
      assertThat(training.get("epochs").size()).isEqualTo(1);
      assertThat(training.get("result").get("bestValidationAccuracy").asDouble())
          .isEqualTo(validation);
    }
    assertThat(hashes).hasSize(4);
    // the rdm-hamming score of an untrained network is a sum of mean RDM entries
    assertThat(predictors.get("rdm-hamming")).allSatisfy(v -> assertThat(v).isNotNegative());
    assertThat(predictors.get("rdm-hamming")).anySatisfy(v -> assertThat(v).isPositive());

    double[] y = accuracy.stream().mapToDouble(Double::doubleValue).toArray();
    Map<String, JsonNode> rows = new HashMap<>();
    study.get("correlations").forEach(r -> rows.put(r.get("predictor").asString(), r));
    assertThat(rows.keySet())
        .containsExactlyInAnyOrder(
            "rdm-hamming",
            "rdm-pearson",
            "rsa-labels",
            "sahd-logdet",
            "parameterCount",
            "spikeRate",
            "synapticOperations");
    for (String predictor : List.of("rdm-hamming", "rsa-labels", "parameterCount", "spikeRate")) {
      JsonNode row = rows.get(predictor);
      assertThat(row.get("n").asInt()).isEqualTo(4);
      double[] x = predictors.get(predictor).stream().mapToDouble(Double::doubleValue).toArray();
      double tau = RankCorrelation.kendallTauB(x, y);
      double rho = RankCorrelation.spearmanRho(x, y);
      assertEstimate(row.get("kendallTau"), tau);
      assertEstimate(row.get("spearmanRho"), rho);
    }

    // a finished study cannot be cancelled, and reads the same again
    assertThat(http.post("/v1/studies/" + id + "/cancel", "").status()).isEqualTo(409);
    assertThat(http.get("/v1/studies/" + id).json().get("correlations"))
        .isEqualTo(study.get("correlations"));
  }

  private static void assertEstimate(JsonNode estimate, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(estimate.get("value").isNull()).isTrue();
      return;
    }
    double value = estimate.get("value").asDouble();
    assertThat(value).isCloseTo(expected, within(1e-9));
    if (!estimate.get("low").isNull()) {
      // a percentile interval of 4 points need not hold the estimate; it is ordered and in range
      assertThat(estimate.get("low").asDouble())
          .isBetween(-1.0, 1.0)
          .isLessThanOrEqualTo(estimate.get("high").asDouble());
      assertThat(estimate.get("high").asDouble()).isBetween(-1.0, 1.0);
    }
  }
}

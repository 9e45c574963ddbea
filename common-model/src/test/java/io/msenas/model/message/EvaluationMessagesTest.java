package io.msenas.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

class EvaluationMessagesTest {

  private static final UUID TASK = new UUID(1, 2);
  private static final UUID INDIVIDUAL = new UUID(3, 4);
  private static final String HASH = "0".repeat(64);
  private static final Timings TIMINGS = new Timings(1, 2, 3, 6);
  private static final Provenance PROVENANCE = new Provenance("dev", 1, null, null, null, null);
  private static final Rdm RDM = new Rdm(2, List.of(0.0, 1.0, 1.0, 0.0));
  private static final Failure FAILURE = new Failure("Crash", "boom", false);

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void factoriesWriteTheCurrentSchemaVersionAndOutcome() {
    EvaluationResult ok =
        EvaluationResult.succeeded(
            TASK, INDIVIDUAL, HASH, 2.0, null, null, 10, TIMINGS, PROVENANCE, RDM);
    assertThat(ok.schemaVersion()).isEqualTo(1);
    assertThat(ok.outcome()).isEqualTo(EvaluationOutcome.SUCCEEDED);
    assertThat(ok.spikeRates()).isEmpty();
    EvaluationResult failed =
        EvaluationResult.failed(TASK, INDIVIDUAL, null, FAILURE, Timings.NONE, PROVENANCE);
    assertThat(failed.outcome()).isEqualTo(EvaluationOutcome.FAILED);
    assertThat(failed.canonicalHash()).isNull();
  }

  @Test
  void successMustCarryScoreHashAndRdmAndNoFailure() {
    assertThatThrownBy(() -> result(EvaluationOutcome.SUCCEEDED, HASH, null, RDM, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("score must be present");
    assertThatThrownBy(() -> result(EvaluationOutcome.SUCCEEDED, HASH, 1.0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rdm must be present");
    assertThatThrownBy(() -> result(EvaluationOutcome.SUCCEEDED, null, 1.0, RDM, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonicalHash must be present");
    assertThatThrownBy(() -> result(EvaluationOutcome.SUCCEEDED, HASH, 1.0, RDM, FAILURE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failure must be absent");
  }

  @Test
  void failureMustCarryAFailureAndNoScore() {
    assertThatThrownBy(() -> result(EvaluationOutcome.FAILED, HASH, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failure must be present");
    assertThatThrownBy(() -> result(EvaluationOutcome.FAILED, HASH, 1.0, null, FAILURE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("score must be absent");
    assertThatThrownBy(() -> result(EvaluationOutcome.FAILED, HASH, null, RDM, FAILURE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rdm must be absent");
  }

  @Test
  void rejectsMalformedFieldsNamingTheValue() {
    assertThatThrownBy(() -> result(EvaluationOutcome.SUCCEEDED, "ABC", 1.0, RDM, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ABC'");
    assertThatThrownBy(
            () -> result(EvaluationOutcome.SUCCEEDED, HASH, Double.POSITIVE_INFINITY, RDM, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("score must be finite, was Infinity");
    assertThatThrownBy(
            () ->
                new EvaluationResult(
                    2,
                    TASK,
                    INDIVIDUAL,
                    EvaluationOutcome.SUCCEEDED,
                    HASH,
                    1.0,
                    null,
                    List.of(),
                    0,
                    null,
                    TIMINGS,
                    PROVENANCE,
                    RDM,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EvaluationResult schemaVersion must be 1, was 2");
    assertThatThrownBy(() -> new Rdm(2, List.of(0.0, 1.0, 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size * size = 4")
        .hasMessageContaining("was 3");
    assertThatThrownBy(() -> new Rdm(1, List.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was NaN");
    assertThatThrownBy(() -> new LayerSpikeRate("l", 1, 10, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1], was 1.5");
    assertThatThrownBy(() -> new LayerSpikeRate("l", 0, 10, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("instances must be > 0, was 0");
    assertThatThrownBy(() -> new Timings(1, -2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("simulateMs must be finite and >= 0, was -2.0");
    assertThatThrownBy(() -> new Provenance("", 1, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("engineVersion");
    assertThatThrownBy(() -> new Failure(null, "x", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failure type");
  }

  @Test
  void synapticOperationsAreOptionalFiniteNonNegativeAndOnlyOnSuccess() {
    EvaluationResult ok =
        EvaluationResult.succeeded(
            TASK, INDIVIDUAL, HASH, 2.0, null, null, 10, TIMINGS, PROVENANCE, RDM);
    assertThat(ok.synapticOperations()).isNull();
    assertThat(ok.withSynapticOperations(1.5e6).synapticOperations()).isEqualTo(1.5e6);
    assertThat(ok.withSynapticOperations(1.5e6).withSynapticOperations(null)).isEqualTo(ok);
    assertThat(ok.withSynapticOperations(0.0).synapticOperations()).isZero();
    assertThatThrownBy(() -> ok.withSynapticOperations(-1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("synapticOperations must be finite and >= 0, was -1.0");
    assertThatThrownBy(() -> ok.withSynapticOperations(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("synapticOperations must be finite and >= 0, was NaN");
    EvaluationResult failed =
        EvaluationResult.failed(TASK, INDIVIDUAL, null, FAILURE, Timings.NONE, PROVENANCE);
    assertThatThrownBy(() -> failed.withSynapticOperations(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("synapticOperations must be absent when outcome is FAILED, was 1.0");
  }

  @Test
  void spikeRatesAndRdmValuesAreCopied() {
    List<Double> values = new ArrayList<>(List.of(0.0, 1.0, 1.0, 0.0));
    Rdm rdm = new Rdm(2, values);
    values.set(1, 9.0);
    assertThat(rdm.get(0, 1)).isEqualTo(1.0);
    assertThatThrownBy(() -> rdm.values().set(0, 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void evaluationTaskRoundTripsThroughJsonForRandomGenomes() {
    SearchSpace space = SearchSpace.of(6, InputKind.EVENTS).withMotifMax(5);
    SplittableRandom rng = new SplittableRandom(5);
    FitnessConfig fitness = FitnessConfig.defaults(Preset.QUICK, "dvs128-gesture", 5);
    for (int n = 0; n < 20; n++) {
      Genome genome = space.randomGenome(rng);
      EvaluationTask task =
          EvaluationTask.of(
              new UUID(n, 1), new UUID(n, 2), new UUID(n, 3), 1 + n % 3, space, genome, fitness);
      assertThat(json.readValue(json.writeValueAsString(task), EvaluationTask.class))
          .isEqualTo(task);
    }
  }

  @Test
  void evaluationTaskRejectsUnknownSchemaVersionsAndMissingParts() {
    SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);
    Genome genome = new Genome(SearchSpace.VERSION_1, new int[space.genomeLength()]);
    FitnessConfig fitness = FitnessConfig.defaults(Preset.SMOKE, "mnist", 1);
    assertThatThrownBy(
            () -> new EvaluationTask(2, TASK, TASK, INDIVIDUAL, 1, space, genome, fitness))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EvaluationTask schemaVersion must be 1, was 2");
    assertThatThrownBy(() -> EvaluationTask.of(TASK, TASK, INDIVIDUAL, 0, space, genome, fitness))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt must be > 0, was 0");
    assertThatThrownBy(() -> EvaluationTask.of(TASK, null, INDIVIDUAL, 1, space, genome, fitness))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("jobId");
  }

  @Test
  void invalidJsonFailsWithTheRecordsMessage() {
    String bad = "{\"size\":2,\"values\":[0.0,1.0]}";
    assertThatThrownBy(() -> json.readValue(bad, Rdm.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("size * size = 4");
  }

  @Test
  void outcomesKnowWhetherTheyCarryAScore() {
    assertThat(EvaluationOutcome.SUCCEEDED.isSuccessful()).isTrue();
    assertThat(EvaluationOutcome.FAILED.isSuccessful()).isFalse();
  }

  private static EvaluationResult result(
      EvaluationOutcome outcome, String hash, Double score, Rdm rdm, Failure failure) {
    return new EvaluationResult(
        1,
        TASK,
        INDIVIDUAL,
        outcome,
        hash,
        score,
        null,
        List.of(),
        0,
        null,
        TIMINGS,
        PROVENANCE,
        rdm,
        failure);
  }
}

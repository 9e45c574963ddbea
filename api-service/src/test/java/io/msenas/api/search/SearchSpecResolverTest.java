package io.msenas.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.LayerSpikeRate;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.Rdm;
import io.msenas.model.message.Timings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link SearchSpecResolver}: fitness functions, objectives and the cost objective. */
class SearchSpecResolverTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static CreateSearchRequest request(String fitness, Integer objectives, String cost) {
    return requestWith("fitness", fitness, "objectives", objectives, "costObjective", cost);
  }

  /** A smoke-preset search of MNIST with these fields (name, value, ...; null values left out). */
  private static CreateSearchRequest requestWith(Object... fieldsAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dataset", "mnist");
    body.put("preset", "smoke");
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      if (fieldsAndValues[i + 1] != null) {
        body.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
      }
    }
    return JSON.convertValue(body, CreateSearchRequest.class);
  }

  private static List<FieldViolation> violations(CreateSearchRequest request) {
    try {
      SearchSpecResolver.resolve(request);
    } catch (InvalidSpecException e) {
      return e.violations();
    }
    throw new AssertionError("expected violations for " + request);
  }

  @Test
  void oneObjectiveWithoutACostIsTheDefault() {
    SearchSpec spec = SearchSpecResolver.resolve(request(null, null, null));

    assertThat(spec.objectives()).isEqualTo(1);
    assertThat(spec.costObjective()).isNull();
    assertThat(spec.rankedCost()).isNull();
    assertThat(spec.evolutionSettings().objectives()).isEqualTo(1);
    assertThat(spec.fitness()).isEqualTo("rdm-hamming");
  }

  @Test
  void twoObjectivesRankOnSynapticOperationsUnlessAskedForParameters() {
    SearchSpec sops = SearchSpecResolver.resolve(request(null, 2, null));
    SearchSpec parameters = SearchSpecResolver.resolve(request(null, 2, "parameters"));

    assertThat(sops.costObjective()).isEqualTo(CostObjective.SOPS);
    assertThat(sops.rankedCost()).isEqualTo(CostObjective.SOPS);
    assertThat(sops.evolutionSettings().objectives()).isEqualTo(2);
    assertThat(parameters.costObjective()).isEqualTo(CostObjective.PARAMETERS);
    assertThat(SearchSpecResolver.resolve(request(null, 2, "sops")).costObjective())
        .isEqualTo(CostObjective.SOPS);
  }

  @Test
  void everyFitnessFunctionCanBeChosenAtItsCurrentVersion() {
    for (String name : List.of("rdm-hamming", "rdm-pearson", "sahd-logdet", "rsa-labels")) {
      SearchSpec spec = SearchSpecResolver.resolve(request(name, null, null));

      assertThat(spec.fitnessConfig().fitness()).isEqualTo(name);
      assertThat(spec.fitnessConfig().fitnessVersion()).isEqualTo(1);
    }
  }

  @Test
  void badObjectivesAndCostsAreFieldViolationsNamingTheValue() {
    assertThat(violations(request(null, 3, null)))
        .extracting(FieldViolation::field, FieldViolation::value, FieldViolation::message)
        .containsExactly(tuple("objectives", 3, "must be in [1, 2]"));
    assertThat(violations(request(null, 0, "sops")))
        .extracting(FieldViolation::field)
        .contains("objectives");
    assertThat(violations(request(null, 2, "energy")))
        .extracting(FieldViolation::field, FieldViolation::value, FieldViolation::message)
        .containsExactly(
            tuple("costObjective", "energy", "unknown cost objective; known: [sops, parameters]"));
    assertThat(violations(request(null, null, "SOPS")))
        .extracting(FieldViolation::field, FieldViolation::value)
        .containsExactly(tuple("costObjective", "SOPS"));
    assertThat(violations(request(null, 1, "parameters")))
        .extracting(FieldViolation::field, FieldViolation::value, FieldViolation::message)
        .containsExactly(
            tuple(
                "costObjective",
                "parameters",
                "needs objectives = 2; a one-objective search ranks on fitness alone"));
    assertThat(violations(request(null, null, "sops")))
        .extracting(FieldViolation::field)
        .containsExactly("costObjective");
  }

  @Test
  void motifMaxZeroIsRejectedBecauseNoNetworkOfThatSpaceCouldClassify() {
    assertThat(violations(requestWith("motifMax", 0)))
        .extracting(FieldViolation::field, FieldViolation::value, FieldViolation::message)
        .containsExactly(
            tuple(
                "motifMax",
                0,
                "must be in [1, 5]: with 0 every searched cell is a zero cell (m0, mm0), which"
                    + " cuts the input off, so no network could classify"));
    assertThat(violations(requestWith("motifMax", 6)))
        .extracting(FieldViolation::message)
        .containsExactly("must be in [1, 5]");
    assertThat(SearchSpecResolver.resolve(requestWith("motifMax", 1)).motifMax()).isEqualTo(1);
  }

  @Test
  void aSpaceWhereAlmostNoNetworkCanClassifyIsRefused() {
    // 64 cells with motifs 0 and 1 only: a zero cell somewhere cuts nearly every draw off
    CreateSearchRequest rare = requestWith("cells", 64, "motifMax", 1);
    assertThat(violations(rare))
        .extracting(FieldViolation::field, FieldViolation::value, FieldViolation::message)
        .containsExactly(
            tuple(
                "cells",
                64,
                "with 64 cells and motifMax 1 only 0.10% of the networks can classify (zero cells"
                    + " cut the input off in the rest); give fewer cells or a larger motifMax"));
    // the default motifs keep 15% of them
    assertThat(SearchSpecResolver.resolve(requestWith("cells", 64)).cells()).isEqualTo(64);
  }

  @Test
  void anUnknownFitnessNamesTheKnownOnes() {
    assertThat(violations(request("test-accuracy", null, null)))
        .extracting(FieldViolation::field, FieldViolation::value, FieldViolation::message)
        .containsExactly(
            tuple(
                "fitness",
                "test-accuracy",
                "unknown fitness; known: [rdm-hamming, rdm-pearson, rsa-labels, sahd-logdet,"
                    + " trained-accuracy]"));
    assertThat(SearchSpecResolver.resolve(request("trained-accuracy", null, null)).fitness())
        .isEqualTo("trained-accuracy");
  }

  @Test
  void aSpecStoredBeforeObjectivesExistedReadsAsOneObjective() {
    SearchSpec stored = SearchSpecResolver.resolve(request(null, null, null));
    String text =
        JSON.writeValueAsString(stored)
            .replace(",\"objectives\":1", "")
            .replace(",\"costObjective\":null", "");
    assertThat(text).doesNotContain("objectives").doesNotContain("costObjective");

    SearchSpec read = JSON.readValue(text, SearchSpec.class);

    assertThat(read).isEqualTo(stored);
    assertThat(read.evolutionSettings().objectives()).isEqualTo(1);
  }

  @Test
  void aStoredTwoObjectiveSpecRoundTrips() {
    SearchSpec stored = SearchSpecResolver.resolve(request("sahd-logdet", 2, "parameters"));

    String text = JSON.writeValueAsString(stored);

    assertThat(text).contains("\"objectives\":2").contains("\"costObjective\":\"parameters\"");
    assertThat(JSON.readValue(text, SearchSpec.class)).isEqualTo(stored);
  }

  @Test
  void costObjectivesReadTheirCostFromAResult() {
    EvaluationResult result =
        EvaluationResult.succeeded(
            new UUID(1, 2),
            new UUID(3, 4),
            "0".repeat(64),
            5.0,
            null,
            List.of(new LayerSpikeRate("l", 1, 10, 0.5)),
            777,
            new Timings(1, 2, 3, 6),
            new Provenance("test", 1, null, null, null, null),
            new Rdm(1, List.of(0.0)));

    assertThat(CostObjective.PARAMETERS.of(result)).isEqualTo(777.0);
    assertThat(CostObjective.SOPS.of(result)).as("not measured").isNull();
    assertThat(CostObjective.SOPS.of(result.withSynapticOperations(1.5e6))).isEqualTo(1.5e6);
    assertThat(CostObjective.fromId("sops")).isEqualTo(CostObjective.SOPS);
    assertThatThrownBy(() -> CostObjective.fromId("Sops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown cost objective 'Sops'; known: [sops, parameters]");
  }
}

package io.msenas.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.msenas.api.search.CreateSearchRequest;
import io.msenas.api.search.FieldViolation;
import io.msenas.api.training.CreateTrainingRequest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** Binding errors name the field by its path in the body and quote the value sent there. */
class RequestBodiesTest {

  /** The service's strict reading (application.yml and {@link StrictJson}). */
  static final JsonMapper JSON = strict();

  private static JsonMapper strict() {
    JsonMapper.Builder builder =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    new StrictJson().noScalarToTextCoercion().customize(builder);
    return builder.build();
  }

  static FieldViolation violation(String body, Class<?> type) {
    JsonNode tree = JSON.readTree(body);
    MalformedBodyException e =
        catchThrowableOfType(
            MalformedBodyException.class, () -> RequestBodies.bind(JSON, tree, type));
    assertThat(e).as("binding %s", body).isNotNull();
    assertThat(e.violations()).hasSize(1);
    return e.violations().get(0);
  }

  @Test
  void aNestedFieldIsNamedByItsPathWithTheValueSent() {
    FieldViolation v =
        violation("{\"source\":{\"searchId\":\"abc\"}}", CreateTrainingRequest.class);
    assertThat(v.field()).isEqualTo("source.searchId");
    assertThat(v.value()).isEqualTo("abc");
    assertThat(v.message()).isEqualTo("expected a UUID");
  }

  @Test
  void anArrayElementIsNamedByItsIndex() {
    FieldViolation v = violation("{\"genome\":{\"genes\":[1,\"x\"]}}", CreateTrainingRequest.class);
    assertThat(v.field()).isEqualTo("genome.genes[1]");
    assertThat(v.value()).isEqualTo("x");
    assertThat(v.message()).isEqualTo("expected an integer within range");
  }

  @Test
  void aNestedNumberOutOfRangeIsNamedByItsPath() {
    FieldViolation v =
        violation("{\"genome\":{\"genes\":[1,99999999999]}}", CreateTrainingRequest.class);
    assertThat(v.field()).isEqualTo("genome.genes[1]");
    assertThat(v.value()).isEqualTo(new BigDecimal("99999999999"));
    assertThat(v.message()).isEqualTo("expected an integer within range");
  }

  @Test
  void anObjectWhereAScalarBelongsIsQuotedAsSent() {
    FieldViolation v = violation("{\"source\":\"abc\"}", CreateTrainingRequest.class);
    assertThat(v.field()).isEqualTo("source");
    assertThat(v.value()).isEqualTo("abc");
    assertThat(v.message()).isEqualTo("expected an object");

    FieldViolation array =
        violation("{\"genome\":{\"genes\":{\"a\":1}}}", CreateTrainingRequest.class);
    assertThat(array.field()).isEqualTo("genome.genes");
    assertThat(array.value()).isEqualTo(JSON.readTree("{\"a\":1}"));
    assertThat(array.message()).isEqualTo("expected an array");
  }

  @Test
  void aNestedUnknownFieldIsNamedByItsPath() {
    FieldViolation v =
        violation("{\"source\":{\"searchId\":null,\"bogus\":7}}", CreateTrainingRequest.class);
    assertThat(v.field()).isEqualTo("source.bogus");
    assertThat(v.value()).isEqualTo(new BigDecimal("7"));
  }

  @Test
  void topLevelFieldsKeepTheirPlainNames() {
    FieldViolation wrongType = violation("{\"population\":\"many\"}", CreateSearchRequest.class);
    assertThat(wrongType.field()).isEqualTo("population");
    assertThat(wrongType.value()).isEqualTo("many");
    assertThat(wrongType.message()).isEqualTo("expected an integer within range");

    FieldViolation outOfRange =
        violation("{\"population\":99999999999}", CreateSearchRequest.class);
    assertThat(outOfRange.field()).isEqualTo("population");
    assertThat(outOfRange.value()).isEqualTo(new BigDecimal("99999999999"));

    FieldViolation unknown = violation("{\"bogus\":1}", CreateSearchRequest.class);
    assertThat(unknown.field()).isEqualTo("bogus");
    assertThat(unknown.value()).isEqualTo(new BigDecimal("1"));

    FieldViolation text = violation("{\"dataset\":5}", CreateSearchRequest.class);
    assertThat(text.field()).isEqualTo("dataset");
    assertThat(text.message()).isEqualTo("expected a string");
  }

  @Test
  void typesAreDescribedAsAClientKnowsThem() {
    assertThat(RequestBodies.describe(java.util.UUID.class)).isEqualTo("a UUID");
    assertThat(RequestBodies.describe(Long.class)).isEqualTo("an integer within range");
    assertThat(RequestBodies.describe(Double.class)).isEqualTo("a number");
    assertThat(RequestBodies.describe(java.util.List.class)).isEqualTo("an array");
    assertThat(RequestBodies.describe(CreateTrainingRequest.Source.class)).isEqualTo("an object");
  }
}

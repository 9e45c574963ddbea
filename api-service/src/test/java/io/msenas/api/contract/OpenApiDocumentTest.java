package io.msenas.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.msenas.api.contract.OpenApiContract.Operation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** openapi.yaml on its own: a valid OpenAPI 3.1 document, with the conventions it promises. */
class OpenApiDocumentTest {

  private final OpenApiContract contract = OpenApiContract.get();

  /** The maxima of the sizes, as the server enforces them (SearchSpecResolver). */
  private static final Map<String, int[]> SIZE_RANGES =
      Map.of(
          "population", new int[] {2, 1000},
          "offspring", new int[] {2, 1000},
          "generations", new int[] {1, 10000},
          "timeSteps", new int[] {1, 64},
          "channels", new int[] {2, 512},
          "cells", new int[] {4, 64},
          "batchSize", new int[] {2, 1024},
          "batches", new int[] {1, 16},
          "motifMax", new int[] {1, 5});

  /** Keywords of JSON Schema 2020-12 and the OpenAPI 3.1 dialect; anything else is a typo. */
  private static final Set<String> SCHEMA_KEYWORDS =
      Set.of(
          "$schema",
          "$id",
          "$ref",
          "$anchor",
          "$dynamicRef",
          "$dynamicAnchor",
          "$defs",
          "$comment",
          "$vocabulary",
          "type",
          "enum",
          "const",
          "multipleOf",
          "maximum",
          "exclusiveMaximum",
          "minimum",
          "exclusiveMinimum",
          "maxLength",
          "minLength",
          "pattern",
          "maxItems",
          "minItems",
          "uniqueItems",
          "maxContains",
          "minContains",
          "maxProperties",
          "minProperties",
          "required",
          "dependentRequired",
          "properties",
          "patternProperties",
          "additionalProperties",
          "unevaluatedProperties",
          "propertyNames",
          "items",
          "prefixItems",
          "contains",
          "unevaluatedItems",
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "format",
          "contentEncoding",
          "contentMediaType",
          "contentSchema",
          "title",
          "description",
          "default",
          "deprecated",
          "readOnly",
          "writeOnly",
          "examples",
          "example",
          "discriminator",
          "xml",
          "externalDocs");

  private SwaggerParseResult parse() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setValidateInternalRefs(true);
    return new OpenAPIV3Parser().readContents(contract.yaml(), null, options);
  }

  @Test
  void parsesAsOpenApi31WithoutAnyMessage() {
    SwaggerParseResult result = parse();
    assertThat(result.getMessages()).as("parser messages").isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api).isNotNull();
    assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
    assertThat(api.getOpenapi()).startsWith("3.1.");
    assertThat(api.getPaths()).isNotEmpty();
  }

  @Test
  void everySchemaIsValidJsonSchema202012() {
    Schema metaSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> schema : allSchemas().entrySet()) {
      OpenApiContract.errors(metaSchema, schema.getValue())
          .forEach(e -> errors.add(schema.getKey() + ": " + e));
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void everySchemaKeywordIsKnown() {
    List<String> unknown = new ArrayList<>();
    allSchemas().forEach((where, schema) -> collectUnknownKeywords(where, schema, unknown));
    assertThat(unknown).as("unknown schema keywords (typos?)").isEmpty();
  }

  @Test
  void everyInternalReferenceResolves() {
    List<String> dangling = new ArrayList<>();
    collectDanglingRefs("", contract.document(), dangling);
    assertThat(dangling).isEmpty();
  }

  @Test
  void everyOperationHasAUniqueIdATagASummaryAndResponses() {
    Set<String> ids = new HashSet<>();
    Set<String> tags = new HashSet<>();
    contract.document().get("tags").forEach(t -> tags.add(t.get("name").asString()));
    for (Operation op : contract.operations()) {
      JsonNode node = op.node();
      assertThat(node.path("operationId").asString()).as("%s operationId", op).isNotBlank();
      assertThat(ids.add(node.get("operationId").asString())).as("%s unique id", op).isTrue();
      assertThat(node.path("summary").asString()).as("%s summary", op).isNotBlank();
      assertThat(node.get("tags")).as("%s tags", op).isNotEmpty();
      node.get("tags").forEach(t -> assertThat(tags).as("%s tag", op).contains(t.asString()));
      assertThat(node.get("responses")).as("%s responses", op).isNotEmpty();
      if (op.path().startsWith("/actuator/")) {
        assertThat(node.get("tags").get(0).asString()).isEqualTo("operations");
      }
    }
  }

  @Test
  void everyV1ErrorIsAProblemAndEvery400NamesItsFields() {
    for (Operation op : contract.operations()) {
      if (!op.path().startsWith("/v1/")) {
        continue;
      }
      for (String status : op.node().get("responses").propertyNames()) {
        if (!status.startsWith("4") && !status.startsWith("5")) {
          continue;
        }
        String pointer = contract.responsePointer(op.method(), op.path(), Integer.parseInt(status));
        JsonNode content = contract.node(pointer).get("content");
        assertThat(content.propertyNames())
            .as("%s %s content", op, status)
            .containsExactly("application/problem+json");
        String schemaRef =
            content.get("application/problem+json").get("schema").path("$ref").asString();
        assertThat(schemaRef)
            .as("%s %s schema", op, status)
            .isEqualTo(
                status.equals("400")
                    ? "#/components/schemas/ValidationProblem"
                    : "#/components/schemas/Problem");
      }
      assertThat(op.node().get("responses").has("500")).as("%s declares 500", op).isTrue();
    }
  }

  @Test
  void everyOperationWithAPathIdDeclaresItsMalformedAndUnknownAnswers() {
    for (Operation op : contract.operations()) {
      if (op.path().contains("{")) {
        assertThat(op.node().get("responses").has("400")).as("%s 400", op).isTrue();
        assertThat(op.node().get("responses").has("404")).as("%s 404", op).isTrue();
      }
    }
  }

  @Test
  void theSizesOfASearchHaveDocumentedMinimaAndMaxima() {
    JsonNode properties = contract.node("/components/schemas/CreateSearchRequest/properties");
    SIZE_RANGES.forEach(
        (field, range) -> {
          JsonNode property = properties.get(field);
          assertThat(property).as(field).isNotNull();
          assertThat(property.path("minimum").asInt(-1)).as(field + " minimum").isEqualTo(range[0]);
          assertThat(property.path("maximum").asInt(-1)).as(field + " maximum").isEqualTo(range[1]);
          JsonNode resolved = contract.node("/components/schemas/SearchSpec/properties/" + field);
          assertThat(resolved.path("maximum").asInt(-1))
              .as("SearchSpec." + field + " maximum")
              .isEqualTo(range[1]);
        });
    assertThat(
            contract
                .node("/components/schemas/CreateSearchRequest/additionalProperties")
                .asBoolean(true))
        .as("unknown fields are rejected")
        .isFalse();
  }

  @Test
  void theRequestSchemaNamesEveryOverride() {
    Set<String> documented =
        new HashSet<>(
            contract.node("/components/schemas/CreateSearchRequest/properties").propertyNames());
    Set<String> server = new HashSet<>();
    for (var component : io.msenas.api.search.CreateSearchRequest.class.getRecordComponents()) {
      server.add(component.getName());
    }
    assertThat(documented).isEqualTo(server);
    Set<String> resolved =
        new HashSet<>(contract.node("/components/schemas/SearchSpec/properties").propertyNames());
    Set<String> serverSpec = new HashSet<>();
    for (var component : io.msenas.api.search.SearchSpec.class.getRecordComponents()) {
      serverSpec.add(component.getName());
    }
    assertThat(resolved).isEqualTo(serverSpec);
  }

  @Test
  void everyFileTheDocumentNamesIsInTheRepository() {
    java.util.regex.Matcher named =
        java.util.regex.Pattern.compile("[A-Za-z0-9_./-]+\\.md\\b").matcher(contract.yaml());
    List<String> missing = new ArrayList<>();
    Path root = contract.file().getParent();
    while (named.find()) {
      if (!Files.isRegularFile(root.resolve(named.group()))) {
        missing.add(named.group());
      }
    }
    assertThat(missing).as("files named in openapi.yaml but not in the repository").isEmpty();
  }

  @Test
  void theInvalidRequestResponseListsEvery400ProblemType() {
    String description =
        contract.node("/components/responses/InvalidRequest/description").asString();
    for (String type :
        List.of(
            "invalid-search-spec",
            "invalid-training-spec",
            "invalid-study-spec",
            "unknown-field",
            "malformed-body",
            "invalid-parameter")) {
      assertThat(description).as("InvalidRequest lists %s", type).contains("`" + type + "`");
    }
    String notFound = contract.node("/components/responses/NotFound/description").asString();
    assertThat(notFound).contains("search", "individual", "training", "study", "source.searchId");
  }

  @Test
  void channelsAreEvenInEveryRequestThatSetsThem() {
    String source = "{\"source\":{\"searchId\":\"0b9d3c1e-2f4a-4b6c-8d7e-9f0a1b2c3d4e\"}";
    assertThat(OpenApiContract.errors(contract.component("CreateTrainingRequest"), source + "}"))
        .isEmpty();
    assertThat(
            OpenApiContract.errors(
                contract.component("CreateTrainingRequest"), source + ",\"channels\":7}"))
        .isNotEmpty();
    assertThat(
            OpenApiContract.errors(
                contract.component("CreateSearchRequest"),
                "{\"dataset\":\"mnist\",\"channels\":7}"))
        .isNotEmpty();
  }

  // ------------------------------------------------------------ walking the document

  /** Every schema object reachable from components, parameters, bodies and responses. */
  private Map<String, JsonNode> allSchemas() {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    collectSchemas("", contract.document(), out);
    return out;
  }

  private static void collectSchemas(String where, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String here = where + "/" + OpenApiContract.escape(e.getKey());
        boolean isSchema =
            (e.getKey().equals("schema") && !where.endsWith("/properties"))
                || where.equals("/components/schemas");
        if (isSchema && e.getValue().isObject()) {
          out.put(here, e.getValue());
        } else {
          collectSchemas(here, e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectSchemas(where + "/" + i, node.get(i), out);
      }
    }
  }

  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "dependentSchemas");
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final Set<String> SCHEMA_VALUES =
      Set.of(
          "items",
          "contains",
          "not",
          "if",
          "then",
          "else",
          "additionalProperties",
          "unevaluatedProperties",
          "unevaluatedItems",
          "propertyNames",
          "contentSchema");

  private static void collectUnknownKeywords(String where, JsonNode schema, List<String> out) {
    if (!schema.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      String key = e.getKey();
      String here = where + "/" + OpenApiContract.escape(key);
      if (!SCHEMA_KEYWORDS.contains(key) && !key.startsWith("x-")) {
        out.add(here);
      }
      if (SCHEMA_MAPS.contains(key)) {
        for (Map.Entry<String, JsonNode> sub : e.getValue().properties()) {
          collectUnknownKeywords(
              here + "/" + OpenApiContract.escape(sub.getKey()), sub.getValue(), out);
        }
      } else if (SCHEMA_LISTS.contains(key)) {
        for (int i = 0; i < e.getValue().size(); i++) {
          collectUnknownKeywords(here + "/" + i, e.getValue().get(i), out);
        }
      } else if (SCHEMA_VALUES.contains(key)) {
        collectUnknownKeywords(here, e.getValue(), out);
      }
    }
  }

  private void collectDanglingRefs(String where, JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString()) {
        String target = ref.asString();
        if (!target.startsWith("#/") || contract.node(target.substring(1)).isMissingNode()) {
          out.add(where + " -> " + target);
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collectDanglingRefs(where + "/" + OpenApiContract.escape(e.getKey()), e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectDanglingRefs(where + "/" + i, node.get(i), out);
      }
    }
  }
}

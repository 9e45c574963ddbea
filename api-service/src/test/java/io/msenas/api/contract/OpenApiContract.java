package io.msenas.api.contract;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The repository's {@code openapi.yaml}, loaded once: its operations, the response each status code
 * declares, and JSON Schema 2020-12 validation (OpenAPI 3.1 dialect, formats asserted) of bodies
 * against the schemas it declares.
 */
final class OpenApiContract {

  /** The IRI the document is registered under, so that its internal $refs resolve. */
  static final String BASE = "https://mse-nas.io/openapi.json";

  static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private static OpenApiContract instance;

  private final Path file;
  private final String yaml;
  private final JsonNode document;
  private final SchemaRegistry registry;

  /** One operation of the document. */
  record Operation(String method, String path, JsonNode node) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  private OpenApiContract(Path file) {
    this.file = file;
    try {
      this.yaml = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.document = YAMLMapper.builder().build().readTree(yaml);
    String json = JsonMapper.builder().build().writeValueAsString(document);
    this.registry =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi31(),
            builder ->
                builder
                    .schemas(Map.of(BASE, json))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  static synchronized OpenApiContract get() {
    if (instance == null) {
      instance = new OpenApiContract(locate());
    }
    return instance;
  }

  /** {@code openapi.yaml} at the repository root: the first one found walking up from here. */
  static Path locate() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("openapi.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("openapi.yaml not found above " + dir);
  }

  Path file() {
    return file;
  }

  String yaml() {
    return yaml;
  }

  JsonNode document() {
    return document;
  }

  /** Every operation, in document order. */
  List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (METHODS.contains(method.getKey())) {
          out.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
        }
      }
    }
    return out;
  }

  /**
   * JSON pointer of the response that {@code method path} declares for {@code status}, following a
   * {@code $ref} to the components; null when the status is not declared.
   */
  String responsePointer(String method, String path, int status) {
    String pointer =
        "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
    JsonNode response = document.at(pointer);
    if (response.isMissingNode()) {
      return null;
    }
    if (response.has("$ref")) {
      return response.get("$ref").asString().substring(1);
    }
    return pointer;
  }

  JsonNode node(String pointer) {
    return document.at(pointer);
  }

  /** The schema at a JSON pointer into the document. */
  Schema schema(String pointer) {
    String fragment =
        URLEncoder.encode(pointer, StandardCharsets.UTF_8)
            .replace("%2F", "/")
            .replace("%7E", "~")
            .replace("+", "%20");
    return registry.getSchema(SchemaLocation.of(BASE + "#" + fragment));
  }

  /** The component schema of that name. */
  Schema component(String name) {
    return schema("/components/schemas/" + escape(name));
  }

  /** Validation errors of an instance against a schema (empty when it conforms). */
  static List<String> errors(Schema schema, JsonNode instance) {
    return schema.validate(instance).stream().map(Object::toString).toList();
  }

  static List<String> errors(Schema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}

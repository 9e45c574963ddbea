package io.msenas.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one run produced, read back through the REST API once the search has ended (or was
 * interrupted): the content of the run folder.
 *
 * <ul>
 *   <li>{@code result.json}: spec, status, seed, winner (hash, fitness, genes, architecture),
 *       Pareto front, per-generation statistics, provenance
 *   <li>{@code lineage.json}: the lineage graph as the API serves it
 *   <li>{@code generations.csv}: one row per completed generation
 *   <li>{@code report.html}: a self-contained page (see {@link ReportPage})
 * </ul>
 */
public final class RunRecord {

  /** Version of the result.json layout. */
  public static final int SCHEMA_VERSION = 1;

  private final JsonMapper json;
  private final ObjectNode result;
  private final JsonNode lineage;

  private RunRecord(JsonMapper json, ObjectNode result, JsonNode lineage) {
    this.json = json;
    this.result = result;
    this.lineage = lineage;
  }

  /**
   * Reads everything about a search.
   *
   * @param api the API client
   * @param json the mapper
   * @param search the search as last read
   * @param interrupted whether the user stopped the run
   * @param startupSeconds seconds from JVM start until the stack was ready
   */
  static RunRecord collect(
      ApiClient api, JsonMapper json, JsonNode search, boolean interrupted, double startupSeconds)
      throws InterruptedException {
    String id = search.get("id").asString();
    String status = search.get("status").asString();
    ObjectNode result = json.createObjectNode();
    result.put("schemaVersion", SCHEMA_VERSION);
    result.put("searchId", id);
    result.put("status", interrupted ? "INTERRUPTED" : status);
    result.put("interrupted", interrupted);
    result.put("searchStatus", status);
    result.set("error", search.get("error"));
    result.set("seed", search.get("spec").get("seed"));
    result.set("spec", search.get("spec"));
    result.set("progress", search.get("progress"));
    ObjectNode timing = result.putObject("timing");
    timing.set("createdAt", search.get("createdAt"));
    timing.set("startedAt", search.get("startedAt"));
    timing.set("finishedAt", search.get("finishedAt"));
    timing.set("elapsedSeconds", search.get("progress").get("elapsedSeconds"));
    timing.put("startupSeconds", Math.round(startupSeconds * 10) / 10.0);

    JsonNode winnerId = search.get("winnerId");
    if (winnerId != null && !winnerId.isNull()) {
      result.set("winner", individual(api, json, id, winnerId.asString()));
    } else {
      result.putNull("winner");
      // an unfinished run still says what it had found
      JsonNode best = search.get("progress").get("bestIndividualId");
      if (best != null && !best.isNull()) {
        result.set("bestSoFar", individual(api, json, id, best.asString()));
      }
    }

    JsonNode front = api.paretoFront(id);
    ObjectNode frontOut = result.putObject("paretoFront");
    frontOut.set("generation", front.get("generation"));
    frontOut.set("objectives", front.get("objectives"));
    ArrayNode members = frontOut.putArray("members");
    for (JsonNode member : front.get("members")) {
      ObjectNode m = (ObjectNode) member.deepCopy();
      m.set("genes", api.individual(id, member.get("id").asString()).get("genome").get("genes"));
      members.add(m);
    }
    result.set("generations", api.generations(id));
    result.set("provenance", provenance(json, result));
    return new RunRecord(json, result, api.lineage(id));
  }

  public ObjectNode result() {
    return result;
  }

  public JsonNode lineage() {
    return lineage;
  }

  /** The winner, or for an unfinished run the best individual so far; null if none. */
  public JsonNode champion() {
    JsonNode winner = result.get("winner");
    return winner != null && !winner.isNull() ? winner : result.get("bestSoFar");
  }

  /**
   * Writes the run folder (each file written whole, then moved into place).
   *
   * @param folder the run folder, created if missing
   */
  public void write(Path folder) {
    try {
      Files.createDirectories(folder);
      writeFile(folder.resolve("result.json"), pretty(result));
      writeFile(folder.resolve("lineage.json"), pretty(lineage));
      writeFile(folder.resolve("generations.csv"), generationsCsv());
      writeFile(folder.resolve("report.html"), ReportPage.render(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run folder " + folder, e);
    }
  }

  private String pretty(JsonNode node) {
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }

  String generationsCsv() {
    StringBuilder csv =
        new StringBuilder(
            "generation,best_fitness,mean_fitness,median_fitness,diversity,survivors,evaluated,"
                + "failed,completed_at\n");
    for (JsonNode g : result.get("generations")) {
      csv.append(g.get("number").asInt())
          .append(',')
          .append(number(g.get("bestFitness")))
          .append(',')
          .append(number(g.get("meanFitness")))
          .append(',')
          .append(number(g.get("medianFitness")))
          .append(',')
          .append(number(g.get("diversity")))
          .append(',')
          .append(g.get("survivors").asInt())
          .append(',')
          .append(g.get("evaluated").asInt())
          .append(',')
          .append(g.get("failed").asInt())
          .append(',')
          .append(g.get("completedAt").asString())
          .append('\n');
    }
    return csv.toString();
  }

  private static String number(JsonNode value) {
    return value == null || value.isNull()
        ? ""
        : String.format(Locale.ROOT, "%.6f", value.asDouble());
  }

  private static ObjectNode individual(ApiClient api, JsonMapper json, String id, String individual)
      throws InterruptedException {
    JsonNode detail = api.individual(id, individual);
    ObjectNode out = json.createObjectNode();
    out.set("id", detail.get("id"));
    out.set("label", detail.get("label"));
    out.set("generation", detail.get("generation"));
    out.set("canonicalHash", detail.get("canonicalHash"));
    out.set("fitness", detail.get("objectives").get("fitness"));
    out.set("widthNormalisedScore", detail.get("objectives").get("widthNormalisedScore"));
    out.set("objectives", detail.get("objectives"));
    out.set("parameterCount", detail.get("parameterCount"));
    out.set("genome", detail.get("genome"));
    out.set("architecture", detail.get("architecture"));
    JsonNode evaluation = detail.get("evaluation");
    if (evaluation != null && !evaluation.isNull()) {
      out.set("spikeRates", evaluation.get("spikeRates"));
      out.set("evaluationProvenance", evaluation.get("provenance"));
    }
    return out;
  }

  private static ObjectNode provenance(JsonMapper json, ObjectNode result) {
    ObjectNode p = json.createObjectNode();
    String version = RunRecord.class.getPackage().getImplementationVersion();
    p.put("mseNasVersion", version == null ? "development" : version);
    p.put(
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    p.put("host", hostName());
    p.put(
        "infrastructure",
        "embedded: PostgreSQL (zonky) and AMQP broker (Qpid Broker-J) in one JVM");
    JsonNode champion = result.get("winner");
    if (champion == null || champion.isNull()) {
      champion = result.get("bestSoFar");
    }
    if (champion != null && champion.has("evaluationProvenance")) {
      p.set("engine", champion.get("evaluationProvenance"));
    }
    return p;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void writeFile(Path target, String content) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

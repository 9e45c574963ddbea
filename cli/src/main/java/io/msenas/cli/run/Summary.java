package io.msenas.cli.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The human-readable lines of {@code mse-nas run}. */
final class Summary {

  private Summary() {}

  /** One completed generation: its statistics and the search's progress. */
  static String generationLine(JsonNode generation, JsonNode progress) {
    return String.format(
        Locale.ROOT,
        "generation %d/%d  evaluations %d/%d  best %s  mean %s  elapsed %s  ETA %s",
        generation.get("number").asInt() + 1,
        progress.get("generations").asInt(),
        progress.get("evaluationsDone").asInt(),
        progress.get("evaluationsTotal").asInt(),
        fitness(generation.get("bestFitness")),
        fitness(generation.get("meanFitness")),
        duration(progress.get("elapsedSeconds")),
        duration(progress.get("etaSeconds")));
  }

  /** A generation still running (printed when nothing else was for a while). */
  static String runningLine(JsonNode progress) {
    return String.format(
        Locale.ROOT,
        "generation %d/%d running  evaluations %d/%d  elapsed %s  ETA %s",
        progress.get("generation").asInt() + 1,
        progress.get("generations").asInt(),
        progress.get("evaluationsDone").asInt(),
        progress.get("evaluationsTotal").asInt(),
        duration(progress.get("elapsedSeconds")),
        duration(progress.get("etaSeconds")));
  }

  /** The end of a run: status, the winner (or the best so far) and where the files are. */
  static void print(PrintStream out, RunRecord record, Path folder) {
    JsonNode result = record.result();
    JsonNode progress = result.get("progress");
    out.printf(
        Locale.ROOT,
        "search %s %s after %s (%d evaluations, %d failed)%n",
        result.get("searchId").asString(),
        result.get("status").asString(),
        duration(progress.get("elapsedSeconds")),
        progress.get("evaluationsDone").asInt(),
        progress.get("evaluationsFailed").asInt());
    JsonNode error = result.get("error");
    if (error != null && !error.isNull()) {
      out.println("error: " + error.asString());
    }
    JsonNode winner = result.get("winner");
    boolean isWinner = winner != null && !winner.isNull();
    JsonNode champion = record.champion();
    if (champion != null) {
      for (String line : architectureLines(champion, isWinner ? "winner" : "best so far")) {
        out.println(line);
      }
    }
    out.println(
        "run folder: " + folder + " (result.json, lineage.json, generations.csv, report.html)");
  }

  static List<String> architectureLines(JsonNode individual, String title) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%s %s: fitness %s, %s parameters",
            title,
            individual.get("label").asString(),
            fitness(individual.get("fitness")),
            String.format(Locale.ROOT, "%,d", individual.get("parameterCount").asLong())));
    lines.add("  hash   " + individual.get("canonicalHash").asString());
    JsonNode architecture = individual.get("architecture");
    lines.add(
        "  macro  every cell reads the "
            + architecture.get("macroK").asInt()
            + " previous cell outputs");
    for (JsonNode cell : architecture.get("cells")) {
      String kind = cell.get("type").asString();
      if ("normal".equals(kind)) {
        List<String> kernels = new ArrayList<>();
        cell.get("kernelSizes").forEach(k -> kernels.add(k.asInt() + "x" + k.asInt()));
        lines.add(
            String.format(
                Locale.ROOT,
                "  cell %d normal     motif %-4s kernels %s",
                cell.get("index").asInt(),
                cell.get("motif").asString(),
                kernels.isEmpty() ? "- (zero cell)" : String.join(" ", kernels)));
      } else {
        lines.add(
            String.format(
                Locale.ROOT, "  cell %d %s (factorized reduce)", cell.get("index").asInt(), kind));
      }
    }
    return lines;
  }

  static String fitness(JsonNode value) {
    return value == null || value.isNull()
        ? "-"
        : String.format(Locale.ROOT, "%.4f", value.asDouble());
  }

  static String duration(JsonNode seconds) {
    if (seconds == null || seconds.isNull()) {
      return "-";
    }
    long s = Math.round(seconds.asDouble());
    return s < 60 ? s + "s" : (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
  }
}

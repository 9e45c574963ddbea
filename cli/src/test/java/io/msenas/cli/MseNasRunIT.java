package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mse-nas run} in this JVM, end to end: a real embedded PostgreSQL, a real in-process AMQP
 * broker, the API service and a worker with the real simulator, on the smoke preset.
 */
class MseNasRunIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path temp;

  record Outcome(int status, String out, String err) {}

  static Outcome mseNas(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        MseNas.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aSmokeSearchRunsEndToEndWritesTheRunFolderAndRepeatsItsWinner() throws IOException {
    Path first = temp.resolve("first");
    Outcome run = mseNas("run", "--preset", "smoke", "--seed", "5", "--out", first.toString());
    assertThat(run.status()).as(run.err()).isZero();

    // progress: one line per generation, then the winner
    List<String> lines = run.out().lines().toList();
    // generation 1 ends at 4 evaluations; the poll that prints it may already see generation 2's
    assertThat(lines).anyMatch(l -> l.matches("generation 1/2  evaluations [4-8]/8 .*"));
    assertThat(lines).anyMatch(l -> l.startsWith("generation 2/2  evaluations 8/8"));
    assertThat(run.out()).contains("SUCCEEDED").contains("winner g").contains("motif");

    JsonNode result = JSON.readTree(Files.readString(first.resolve("result.json")));
    assertThat(result.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(result.get("interrupted").asBoolean()).isFalse();
    assertThat(result.get("seed").asLong()).isEqualTo(5);
    assertThat(result.get("spec").get("preset").asString()).isEqualTo("smoke");
    JsonNode winner = result.get("winner");
    String hash = winner.get("canonicalHash").asString();
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(run.out()).contains(hash);
    assertThat(winner.get("genome").get("genes").size()).isGreaterThan(20);
    assertThat(winner.get("fitness").asDouble()).isPositive();
    assertThat(winner.get("parameterCount").asLong()).isPositive();
    assertThat(winner.get("architecture").get("cells").size()).isEqualTo(4);
    assertThat(winner.get("evaluationProvenance").get("nativeVariant").asString()).isNotBlank();

    // the generations: two, the last one's best is the winner's fitness
    JsonNode generations = result.get("generations");
    assertThat(generations.size()).isEqualTo(2);
    assertThat(generations.get(1).get("bestFitness").asDouble())
        .isEqualTo(winner.get("fitness").asDouble());

    // one objective: the Pareto front holds the winner and only the best fitness
    JsonNode front = result.get("paretoFront");
    assertThat(front.get("generation").asInt()).isEqualTo(1);
    assertThat(front.get("members").get(0).get("canonicalHash").asString()).isEqualTo(hash);
    assertThat(front.get("members").get(0).get("genes"))
        .isEqualTo(winner.get("genome").get("genes"));

    // lineage: every individual is a node; every edge joins two of them
    JsonNode lineage = JSON.readTree(Files.readString(first.resolve("lineage.json")));
    Set<String> ids = new HashSet<>();
    lineage.get("nodes").forEach(n -> ids.add(n.get("id").asString()));
    assertThat(ids).hasSize(8).contains(winner.get("id").asString());
    for (JsonNode edge : lineage.get("edges")) {
      assertThat(ids).contains(edge.get("child").asString(), edge.get("parent").asString());
    }

    List<String> csv = Files.readAllLines(first.resolve("generations.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).startsWith("generation,best_fitness,mean_fitness");
    assertThat(csv.get(2)).startsWith("1,");

    String report = Files.readString(first.resolve("report.html"));
    assertThat(report).startsWith("<!DOCTYPE html>").contains("<svg").contains(hash);
    // self-contained: nothing is fetched when it opens
    assertThat(report).doesNotContain("src=\"http").doesNotContain("href=\"http");

    // the same seed again: the same winner; --json prints result.json alone on standard output
    Outcome again =
        mseNas(
            "run",
            "--preset",
            "smoke",
            "--seed",
            "5",
            "--json",
            "--out",
            temp.resolve("second").toString());
    assertThat(again.status()).as(again.err()).isZero();
    JsonNode printed = JSON.readTree(again.out());
    assertThat(printed.get("winner").get("canonicalHash").asString()).isEqualTo(hash);
    assertThat(printed.get("winner").get("fitness").asDouble())
        .isEqualTo(winner.get("fitness").asDouble());
    assertThat(again.err()).contains("generation 2/2");
  }

  @Test
  void badInputIsOneLineAndANonZeroStatus() throws IOException {
    Outcome unknown = mseNas("run", "--frobnicate");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err().strip())
        .isEqualTo("mse-nas: unknown flag '--frobnicate' (see mse-nas run --help)");
    assertThat(unknown.out()).isEmpty();

    assertThat(mseNas("launch").status()).isEqualTo(2);

    // an output folder that cannot be written: a plain file stands where the folder should be
    Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
    Outcome unwritable = mseNas("run", "--preset", "smoke", "--out", file.toString());
    assertThat(unwritable.status()).isEqualTo(1);
    assertThat(unwritable.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("mse-nas: cannot write to the output folder " + file);

    // a port in use: refused before anything starts
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Outcome busy =
          mseNas(
              "run",
              "--preset",
              "smoke",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--out",
              temp.resolve("busy").toString());
      assertThat(busy.status()).isEqualTo(1);
      assertThat(busy.err().strip())
          .isEqualTo(
              "mse-nas: port " + taken.getLocalPort() + " is in use (choose another with --port)");
    }
    List<String> help = new ArrayList<>(mseNas("run", "--help").out().lines().toList());
    assertThat(help.get(0)).startsWith("usage: mse-nas run");
  }
}

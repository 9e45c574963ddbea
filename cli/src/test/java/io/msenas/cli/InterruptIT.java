package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ctrl-C in the middle of a search: {@code mse-nas run} as its own process gets SIGINT after the
 * first generation; it must cancel the search, leave a result.json that says it was interrupted and
 * holds what was done, and exit with status 130.
 */
class InterruptIT {

  @TempDir Path temp;

  @Test
  void ctrlCStopsCleanlyAndLeavesAResultThatSaysSo() throws Exception {
    Path out = temp.resolve("run");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MseNas.class.getName(),
                "run",
                "--preset",
                "smoke",
                "--generations",
                "6",
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("generation 1/6")) {
          new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        }
      }
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    // 128 + SIGTERM; SIGINT (Ctrl-C) gives 130
    assertThat(process.exitValue()).as(String.join("\n", lines)).isEqualTo(143);
    assertThat(lines).anyMatch(l -> l.startsWith("interrupted: the search was cancelled"));

    JsonNode result =
        JsonMapper.builder().build().readTree(Files.readString(out.resolve("result.json")));
    assertThat(result.get("status").asString()).isEqualTo("INTERRUPTED");
    assertThat(result.get("interrupted").asBoolean()).isTrue();
    assertThat(result.get("searchStatus").asString()).isEqualTo("CANCELLED");
    assertThat(result.get("winner").isNull()).isTrue();
    // what was done: at least the first generation, and the best individual found so far
    assertThat(result.get("generations").size()).isBetween(1, 5);
    assertThat(result.get("bestSoFar").get("canonicalHash").asString()).matches("[0-9a-f]{64}");
    assertThat(Files.exists(out.resolve("report.html"))).isTrue();
  }
}

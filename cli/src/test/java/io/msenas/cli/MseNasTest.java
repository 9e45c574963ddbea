package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses and error lines of {@link MseNas}, against a stand-in API service. */
class MseNasTest {

  @TempDir Path temp;

  record Outcome(int status, String out, String err) {}

  static Outcome mseNas(boolean debug, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        MseNas.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            debug);
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnexpectedErrorIsOneLineAndStatus1() throws Exception {
    Path genome = Files.writeString(temp.resolve("genome.txt"), "1,0,3");
    try (FakeApi api = new FakeApi().on("POST /v1/trainings", 201, "<html>not JSON</html>")) {
      String[] args = {
        "train", "--genome", genome.toString(), "--server", api.url(), "--out", temp.toString()
      };

      Outcome quiet = mseNas(false, args);
      assertThat(quiet.status()).isEqualTo(1);
      assertThat(quiet.err().lines()).hasSize(1);
      assertThat(quiet.err())
          .startsWith("mse-nas: train failed: ")
          .contains("MSE_NAS_DEBUG=1 prints the stack trace");

      Outcome debug = mseNas(true, args);
      assertThat(debug.status()).isEqualTo(1);
      assertThat(debug.err()).startsWith("mse-nas: train failed: ").contains("\tat ");
    }
  }

  @Test
  void oneLineIsTheClassAndTheMessagesFirstLine() {
    assertThat(MseNas.oneLine(new IllegalStateException("first\nsecond")))
        .isEqualTo("IllegalStateException: first");
    assertThat(MseNas.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
  }
}

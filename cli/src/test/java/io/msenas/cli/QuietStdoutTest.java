package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietStdoutTest {

  @Test
  void dropsSameDiffsPerOpLinesAndKeepsTheRest() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new QuietStdout(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    out.println("epoch 1/3  loss 0.9");
    out.println("Added differentiated op conv2d");
    out.println((Object) "Added differentiated op matmul_72");
    out.println("a line that mentions Added differentiated op in the middle");
    out.printf("%d%n", 42);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "epoch 1/3  loss 0.9\n"
                + "a line that mentions Added differentiated op in the middle\n"
                + "42\n");
  }
}

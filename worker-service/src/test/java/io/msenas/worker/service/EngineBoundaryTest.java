package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine stays plain Java: only this package knows Spring, AMQP and Micrometer, and nothing in
 * the engine depends on the service. (A source-level check, so that it needs no extra library.)
 */
class EngineBoundaryTest {

  private static final Path MAIN = Path.of("src", "main", "java", "io", "msenas", "worker");
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "^import\\s+(static\\s+)?(org\\.springframework|com\\.rabbitmq|io\\.micrometer"
              + "|io\\.msenas\\.worker\\.service)\\.",
          Pattern.MULTILINE);

  @Test
  void engineSourcesImportNeitherSpringNorTheBrokerNorTheService() throws IOException {
    assertThat(MAIN).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(MAIN)) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.startsWith(MAIN.resolve("service")))
              .filter(EngineBoundaryTest::importsForbidden)
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  private static boolean importsForbidden(Path file) {
    try {
      return FORBIDDEN.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}

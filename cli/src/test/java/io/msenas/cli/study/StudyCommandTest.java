package io.msenas.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.cli.UsageException;
import io.msenas.cli.run.RunException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mse-nas study}'s command line: what the service would reject is exit 2, at once. */
class StudyCommandTest {

  private static StudyCommand.Options parse(String... args) {
    return StudyCommand.Options.parse(List.of(args), JsonMapper.builder().build());
  }

  @Test
  void everyFlagGoesIntoTheRequest() {
    StudyCommand.Options o =
        parse(
            "--preset",
            "smoke",
            "--dataset",
            "mnist",
            "--architectures",
            "300",
            "--epochs",
            "1000",
            "--train-samples",
            "4096",
            "--batch-size",
            "4096",
            "--learning-rate",
            "1e-6",
            "--seed",
            "5000000000",
            "--fitnesses",
            "rsa-labels, rdm-hamming",
            "--workers",
            "16",
            "--server",
            "http://lab:8080/",
            "--out",
            "x",
            "--json");
    JsonNode body = o.body;
    assertThat(body.toString())
        .isEqualTo(
            "{\"preset\":\"smoke\",\"dataset\":\"mnist\",\"architectures\":300,\"epochs\":1000,"
                + "\"trainSamples\":4096,\"batchSize\":4096,\"learningRatePer1024\":1.0E-6,"
                + "\"seed\":5000000000,\"fitnesses\":[\"rsa-labels\",\"rdm-hamming\"]}");
    assertThat(o.server).isEqualTo("http://lab:8080");
    assertThat(o.workers).isEqualTo(16);
    assertThat(o.json).isTrue();
  }

  @Test
  void aFlagsValueMayFollowAnEqualsSign() {
    StudyCommand.Options o =
        parse(
            "--preset=smoke", "--train-samples=16", "--fitnesses=rsa-labels", "--out=x", "--json");
    assertThat(o.body.toString())
        .isEqualTo("{\"preset\":\"smoke\",\"trainSamples\":16,\"fitnesses\":[\"rsa-labels\"]}");
    assertThat(o.out).isEqualTo(Path.of("x"));
    assertThat(o.json).isTrue();
  }

  @Test
  @Timeout(60)
  void aServerThatCannotBeReachedIsNamedWithTheReason(@TempDir Path temp) throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String server = "http://127.0.0.1:" + port;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    StudyCommand study = new StudyCommand(print, print);
    assertThatThrownBy(() -> study.execute(List.of("--server", server, "--out", temp.toString())))
        .isInstanceOf(RunException.class)
        .hasMessage("cannot reach " + server + ": connection refused");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--preset huge           | --preset must be one of [paper, quick, smoke], was 'huge'",
        "--dataset cifar10       | --dataset must be one of [mnist], was 'cifar10'",
        "--architectures 2       | --architectures must be between 3 and 300, was 2",
        "--architectures 301     | --architectures must be between 3 and 300, was 301",
        "--epochs 1001           | --epochs must be between 1 and 1000, was 1001",
        "--train-samples -1      | --train-samples must be between 0 and 10000000, was -1",
        "--batch-size 1          | --batch-size must be between 2 and 4096, was 1",
        "--learning-rate NaN     | --learning-rate must be a number between 0.000001 and 10, was NaN",
        "--learning-rate Infinity | --learning-rate must be a number between 0.000001 and 10",
        "--learning-rate 0       | --learning-rate must be a number between 0.000001 and 10, was 0",
        "--learning-rate fast    | --learning-rate must be a number, was 'fast'",
        "--seed -1               | --seed must be between 0 and",
        "--fitnesses trained-accuracy | --fitnesses must be one of [rdm-hamming, rdm-pearson,"
            + " rsa-labels, sahd-logdet], was 'trained-accuracy'",
        "--fitnesses rsa-labels,rsa-labels | --fitnesses names rsa-labels twice",
        "--fitnesses ,           | --fitnesses must name at least one fitness",
        "--workers 17            | --workers must be between 1 and 16, was 17",
        "--server lab:8080       | --server must be an http:// or https:// address",
        "--out --json            | --out needs a value",
        "--bogus --json          | unknown flag '--bogus' (see mse-nas study --help)",
        "--seed                  | --seed needs a value",
        "--json=yes              | --json takes no value, was given 'yes'",
        "--epochs=0              | --epochs must be between 1 and 1000, was 0",
        "--train-samples 16      | --train-samples 16 is smaller than the quick preset's batch size"
            + " (32, as --batch-size was not given)",
        "--batch-size 64 --train-samples 32 | --batch-size 64 must be at most --train-samples 32",
      })
  void valuesTheServiceWouldRejectAreABadCommandLine(String flags, String message) {
    assertThatThrownBy(() -> parse(flags.strip().split(" ")))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(message.strip());
  }
}

package io.msenas.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;
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
            "96",
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
                + "\"trainSamples\":96,\"batchSize\":4096,\"learningRatePer1024\":1.0E-6,"
                + "\"seed\":5000000000,\"fitnesses\":[\"rsa-labels\",\"rdm-hamming\"]}");
    assertThat(o.server).isEqualTo("http://lab:8080");
    assertThat(o.workers).isEqualTo(16);
    assertThat(o.json).isTrue();
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
      })
  void valuesTheServiceWouldRejectAreABadCommandLine(String flags, String message) {
    assertThatThrownBy(() -> parse(flags.strip().split(" ")))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(message.strip());
  }
}

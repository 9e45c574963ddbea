package io.msenas.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.cli.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOptionsTest {

  @Test
  void defaultsAreTheQuickPresetOnMnistWithOneWorker() {
    RunOptions o = RunOptions.parse(List.of());
    assertThat(o.preset()).isEqualTo("quick");
    assertThat(o.dataset()).isEqualTo("mnist");
    assertThat(o.seed()).isNull();
    assertThat(o.generations()).isNull();
    assertThat(o.population()).isNull();
    assertThat(o.workers()).isEqualTo(1);
    assertThat(o.out()).isNull();
    assertThat(o.json()).isFalse();
    assertThat(o.serve()).isFalse();
    assertThat(o.apiPort()).isZero();
  }

  @Test
  void everyFlagInBothSpellings() {
    RunOptions o =
        RunOptions.parse(
            List.of(
                "--preset",
                "smoke",
                "--dataset=mnist",
                "--seed",
                "7",
                "--generations=3",
                "--population",
                "6",
                "--workers=2",
                "--out",
                "some/dir",
                "--json",
                "--serve",
                "--port=9090",
                "--fitness",
                "rsa-labels",
                "--evolution=steady-state"));
    assertThat(o)
        .isEqualTo(
            new RunOptions(
                "smoke",
                "mnist",
                7L,
                3,
                6,
                2,
                Path.of("some/dir"),
                true,
                true,
                9090,
                "rsa-labels",
                "steady-state"));
    assertThat(o.apiPort()).isEqualTo(9090);
  }

  @Test
  void servingWithoutAPortUses8080() {
    assertThat(RunOptions.parse(List.of("--serve")).apiPort()).isEqualTo(8080);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus                  | unknown flag '--bogus'",
        "smoke                    | unexpected argument 'smoke'",
        "--preset huge            | --preset must be one of [paper, quick, smoke], was 'huge'",
        "--dataset cifar10        | --dataset must be one of [mnist], was 'cifar10'",
        "--seed -1                | --seed must be between 0 and",
        "--seed abc               | --seed must be an integer, was 'abc'",
        "--generations 0          | --generations must be between 1 and 10000, was 0",
        "--population 1           | --population must be between 2 and 1000, was 1",
        "--population 1001        | --population must be between 2 and 1000, was 1001",
        "--workers 0              | --workers must be between 1 and 64, was 0",
        "--port 70000             | --port must be between 1 and 65535, was 70000",
        "--port                   | --port needs a value",
        "--preset --json          | --preset needs a value",
        "--json=yes               | --json takes no value, was given 'yes'",
        "--out=                   | --out must name a folder, was empty",
        "--fitness accuracy       | --fitness must be one of [rdm-hamming, rdm-pearson, rsa-labels, sahd-logdet, trained-accuracy], was 'accuracy'",
        "--evolution fast         | --evolution must be one of [generational, steady-state], was 'fast'",
      })
  void badInputIsOneLineNamingTheFlagAndValue(String args, String message) {
    assertThatThrownBy(() -> RunOptions.parse(List.of(args.trim().split(" "))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(message.trim());
  }
}

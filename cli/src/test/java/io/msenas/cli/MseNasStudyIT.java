package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mse-nas study} in this JVM on the embedded stack: real fitness engine, real trainer, the
 * shipped MNIST digits.
 */
class MseNasStudyIT {

  @TempDir Path temp;

  @Test
  void aSmallStudyWritesItsJsonAndReport() throws Exception {
    Path out = temp.resolve("study");
    MseNasRunIT.Outcome run =
        MseNasRunIT.mseNas(
            "study",
            "--preset",
            "smoke",
            "--architectures",
            "3",
            "--epochs",
            "1",
            "--train-samples",
            "96",
            "--batch-size",
            "32",
            "--learning-rate",
            "0.5",
            "--fitnesses",
            "rdm-hamming,rsa-labels",
            "--seed",
            "5",
            "--out",
            out.toString());
    assertThat(run.status()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("3 smoke architectures")
        .contains("(3/3 done) SUCCEEDED")
        .contains("Kendall tau [95% CI]")
        .contains("rdm-hamming");

    JsonNode study =
        JsonMapper.builder().build().readTree(Files.readString(out.resolve("study.json")));
    assertThat(study.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(study.get("interrupted").asBoolean()).isFalse();
    assertThat(study.get("members").size()).isEqualTo(3);
    // two fitness rows and three baselines, over the three trained architectures
    assertThat(study.get("correlations").size()).isEqualTo(5);
    study.get("correlations").forEach(r -> assertThat(r.get("n").asInt()).isEqualTo(3));
    for (JsonNode m : study.get("members")) {
      assertThat(m.get("scores").propertyNames())
          .containsExactlyInAnyOrder("rdm-hamming", "rsa-labels");
    }

    String html = Files.readString(out.resolve("study.html"));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("Rank correlation with validation accuracy")
        .doesNotContain("<script");
    // one scatter plot per predictor, a point per trained architecture in each
    assertThat(html.split("<svg ", -1)).hasSize(1 + 5);
    assertThat(html.split("<circle ", -1)).hasSize(1 + 5 * 3);
  }

  @Test
  void badFlagsAreOneLineAndStatus2() {
    MseNasRunIT.Outcome outcome = MseNasRunIT.mseNas("study", "--architectures", "many");
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .isEqualTo("mse-nas: --architectures must be an integer, was 'many'");
    assertThat(MseNasRunIT.mseNas("study", "--bogus", "1").err().strip())
        .isEqualTo("mse-nas: unknown flag '--bogus' (see mse-nas study --help)");
  }
}

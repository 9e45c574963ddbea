package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mse-nas train} in this JVM on the embedded stack, with the real training engine. */
class MseNasTrainIT {

  @TempDir Path temp;

  @Test
  void aGenomeFileTrainsAndLeavesItsModel() throws Exception {
    Genome genome =
        SearchSpace.of(Preset.SMOKE.cells(), InputKind.STATIC_IMAGE)
            .randomGenome(new SplittableRandom(4));
    Path file =
        Files.writeString(
            temp.resolve("genome.txt"),
            Arrays.stream(genome.genes())
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
    Path out = temp.resolve("trained");
    MseNasRunIT.Outcome run =
        MseNasRunIT.mseNas(
            "train",
            "--genome",
            file.toString(),
            "--preset",
            "smoke",
            "--epochs",
            "1",
            "--train-samples",
            "128",
            "--batch-size",
            "32",
            "--out",
            out.toString());
    assertThat(run.status()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("epoch 1/1").contains("SUCCEEDED: test accuracy");

    JsonNode training =
        JsonMapper.builder().build().readTree(Files.readString(out.resolve("training.json")));
    assertThat(training.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(training.get("genome").get("genes").size()).isEqualTo(genome.genes().length);
    byte[] model = Files.readAllBytes(out.resolve("model.bin"));
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)))
        .isEqualTo(training.get("result").get("modelSha256").asString());
  }

  @Test
  void badInputIsOneLineAndStatus2() throws Exception {
    assertThat(MseNasRunIT.mseNas("train").err().strip())
        .isEqualTo("mse-nas: give exactly one of --from, --genome and --search");
    assertThat(
            MseNasRunIT.mseNas("train", "--search", "0b7d2c44-0000-4000-8000-000000000001")
                .err()
                .strip())
        .isEqualTo("mse-nas: --search needs --server (the embedded service has no searches)");
    assertThat(MseNasRunIT.mseNas("train", "--search", "x").err().strip())
        .isEqualTo("mse-nas: --search must be an id (a UUID), was 'x'");
    Path bad = Files.writeString(temp.resolve("bad.txt"), "1,2,x");
    MseNasRunIT.Outcome outcome = MseNasRunIT.mseNas("train", "--genome", bad.toString());
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .isEqualTo("mse-nas: --genome " + bad + ": 'x' is not a gene (an integer)");
  }
}

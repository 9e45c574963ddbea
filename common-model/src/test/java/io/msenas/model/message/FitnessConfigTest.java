package io.msenas.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.preset.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FitnessConfigTest {

  private static final FitnessConfig SMOKE = FitnessConfig.defaults(Preset.SMOKE, "mnist", 99);

  @Test
  void defaultsTakeTheAlgorithmsValuesAndThePresetsShape() {
    assertThat(SMOKE)
        .isEqualTo(new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 99, 2.0, 0.5));
    FitnessConfig paper = FitnessConfig.defaults(Preset.PAPER, "cifar10", 7);
    assertThat(paper.channels()).isEqualTo(48);
    assertThat(paper.timeSteps()).isEqualTo(10);
    assertThat(paper.batchSize()).isEqualTo(128);
  }

  @Test
  void configHashIsStableAcrossRunsAndInstances() {
    // expected value computed with Python's hashlib from the documented canonical text
    assertThat(SMOKE.configHash())
        .isEqualTo("1e5367ac74dd2fc4f23a721f3e1a3883f8194827374b93d7037ca9a8966195fc");
    assertThat(new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 99, 2.0, 0.5).configHash())
        .isEqualTo(SMOKE.configHash());
    assertThat(SMOKE.configHash()).matches("[0-9a-f]{64}");
  }

  @Test
  void configHashIsSensitiveToEveryField() {
    List<FitnessConfig> variants =
        List.of(
            new FitnessConfig("rdm-pearson", 1, "mnist", 8, 2, 16, 2, 99, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 2, "mnist", 8, 2, 16, 2, 99, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 1, "cifar10", 8, 2, 16, 2, 99, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 1, "mnist", 9, 2, 16, 2, 99, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 1, "mnist", 8, 3, 16, 2, 99, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 17, 2, 99, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 3, 99, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 100, 2.0, 0.5),
            new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 99, 2.0000001, 0.5),
            new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 99, 2.0, 0.5000001));
    assertThat(variants)
        .extracting(FitnessConfig::configHash)
        .doesNotContain(SMOKE.configHash())
        .doesNotHaveDuplicates();
  }

  @Test
  void everyKnownFitnessHasItsOwnCacheKey() {
    // the fitness cache keys on (canonical hash, configHash): two plugins must never share a key
    List<String> hashes =
        FitnessConfig.CURRENT_VERSIONS.entrySet().stream()
            .map(
                e ->
                    new FitnessConfig(e.getKey(), e.getValue(), "mnist", 8, 2, 16, 2, 99, 2.0, 0.5)
                        .configHash())
            .toList();
    assertThat(FitnessConfig.CURRENT_VERSIONS)
        .containsOnlyKeys(
            "rdm-hamming", "rdm-pearson", "sahd-logdet", "rsa-labels", "trained-accuracy");
    assertThat(hashes).hasSize(5).doesNotHaveDuplicates();
    // the training-free ones are all known, and trained-accuracy is not among them
    assertThat(FitnessConfig.CURRENT_VERSIONS)
        .containsKeys(FitnessConfig.TRAINING_FREE.toArray(String[]::new));
    assertThat(FitnessConfig.TRAINING_FREE)
        .hasSize(4)
        .doesNotContain(FitnessConfig.TRAINED_ACCURACY);
    assertThat(FitnessConfig.CURRENT_VERSIONS.get(FitnessConfig.RDM_HAMMING)).isEqualTo(1);
  }

  @Test
  void stringFieldsCannotImitateEachOther() {
    FitnessConfig a =
        new FitnessConfig("a\nfitnessVersion=1\ndataset=1:b", 1, "c", 8, 2, 16, 2, 99, 2.0, 0.5);
    FitnessConfig b =
        new FitnessConfig("a", 1, "b\nfitnessVersion=1\ndataset=1:c", 8, 2, 16, 2, 99, 2.0, 0.5);
    assertThat(a.configHash()).isNotEqualTo(b.configHash());
  }

  @Test
  void rejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> new FitnessConfig(" ", 1, "mnist", 8, 2, 16, 2, 99, 2.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fitness must not be blank, was ' '");
    assertThatThrownBy(
            () -> new FitnessConfig("rdm-hamming", 0, "mnist", 8, 2, 16, 2, 99, 2.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fitnessVersion must be > 0, was 0");
    assertThatThrownBy(
            () -> new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 0, 99, 2.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batches must be > 0, was 0");
    assertThatThrownBy(
            () -> new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 99, Double.NaN, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tau must be finite and >= 1, was NaN");
    assertThatThrownBy(
            () -> new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 99, 0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tau must be finite and >= 1, was 0.5");
    assertThatThrownBy(
            () -> new FitnessConfig("rdm-hamming", 1, "mnist", 8, 2, 16, 2, 99, 2.0, -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold must be finite and > 0, was -0.5");
  }

  @Test
  void roundTripsThroughJsonWithoutTheDerivedValues() {
    JsonMapper json = JsonMapper.builder().build();
    String text = json.writeValueAsString(SMOKE);
    assertThat(json.readValue(text, FitnessConfig.class)).isEqualTo(SMOKE);
    assertThat(json.readTree(text).propertyNames())
        .containsExactlyInAnyOrder(
            "fitness",
            "fitnessVersion",
            "dataset",
            "channels",
            "timeSteps",
            "batchSize",
            "batches",
            "seed",
            "tau",
            "threshold");
  }
}

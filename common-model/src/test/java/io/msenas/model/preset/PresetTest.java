package io.msenas.model.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PresetTest {

  @Test
  void valuesMatchTheAlgorithmTable() {
    assertPreset(Preset.PAPER, 48, 6, 10, 128, 50, 50, 100);
    assertPreset(Preset.QUICK, 16, 6, 4, 64, 12, 12, 5);
    assertPreset(Preset.SMOKE, 8, 4, 2, 16, 4, 4, 2);
  }

  @Test
  void idsAreLowerCaseNamesAndResolveBack() {
    assertThat(Preset.PAPER.id()).isEqualTo("paper");
    assertThat(Preset.QUICK.id()).isEqualTo("quick");
    assertThat(Preset.SMOKE.id()).isEqualTo("smoke");
    for (Preset p : Preset.values()) {
      assertThat(Preset.fromId(p.id())).isSameAs(p);
    }
    assertThat(Preset.fromId(" Quick ")).isSameAs(Preset.QUICK);
  }

  @Test
  void unknownIdIsNamedAlongWithTheValidOnes() {
    assertThatThrownBy(() -> Preset.fromId("fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown preset id 'fast'; valid ids: paper, quick, smoke");
    assertThatThrownBy(() -> Preset.fromId(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null")
        .hasMessageContaining("paper");
  }

  @Test
  void jsonUsesTheId() {
    JsonMapper json = JsonMapper.builder().build();
    assertThat(json.writeValueAsString(Preset.QUICK)).isEqualTo("\"quick\"");
    assertThat(json.readValue("\"smoke\"", Preset.class)).isSameAs(Preset.SMOKE);
  }

  private static void assertPreset(
      Preset p,
      int channels,
      int cells,
      int timeSteps,
      int batchSize,
      int population,
      int offspring,
      int generations) {
    assertThat(p.channels()).as("%s channels", p).isEqualTo(channels);
    assertThat(p.cells()).as("%s cells", p).isEqualTo(cells);
    assertThat(p.timeSteps()).as("%s timeSteps", p).isEqualTo(timeSteps);
    assertThat(p.batchSize()).as("%s batchSize", p).isEqualTo(batchSize);
    assertThat(p.population()).as("%s population", p).isEqualTo(population);
    assertThat(p.offspring()).as("%s offspring", p).isEqualTo(offspring);
    assertThat(p.generations()).as("%s generations", p).isEqualTo(generations);
  }
}

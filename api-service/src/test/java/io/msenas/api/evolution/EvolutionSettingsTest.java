package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvolutionSettingsTest {

  @Test
  void defaultsAreTheReleasesValues() {
    EvolutionSettings s = EvolutionSettings.defaults();
    assertThat(s.population()).isEqualTo(50);
    assertThat(s.offspring()).isEqualTo(50);
    assertThat(s.generations()).isEqualTo(100);
    assertThat(s.lastGeneration()).isEqualTo(99);
    assertThat(s.crossoverProbability()).isEqualTo(0.9);
    assertThat(s.mutationEta()).isEqualTo(3.0);
    assertThat(s.mutationRate()).isNull();
    assertThat(s.seed()).isEqualTo(99L);
    assertThat(s.objectives()).isEqualTo(1);
  }

  @Test
  void mutationRateDefaultsToOneOverTheGenomeLength() {
    assertThat(EvolutionSettings.defaults().effectiveMutationRate(121)).isEqualTo(1.0 / 121);
    assertThat(EvolutionSettings.defaults().withMutationRate(0.25).effectiveMutationRate(121))
        .isEqualTo(0.25);
  }

  @Test
  void withersChangeOneValue() {
    EvolutionSettings s =
        EvolutionSettings.defaults()
            .withPopulation(6)
            .withOffspring(7)
            .withGenerations(4)
            .withCrossoverProbability(0.5)
            .withMutationEta(20)
            .withSeed(1)
            .withObjectives(2);
    assertThat(s).isEqualTo(new EvolutionSettings(6, 7, 4, 0.5, 20.0, null, 1L, 2));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        bad(s -> s.withPopulation(1), "population must be in [2, 10000], was 1"),
        bad(s -> s.withPopulation(10_001), "population must be in [2, 10000], was 10001"),
        bad(s -> s.withOffspring(0), "offspring must be in [1, 10000], was 0"),
        bad(s -> s.withGenerations(0), "generations must be in [1, 10000], was 0"),
        bad(
            s -> s.withCrossoverProbability(-0.1),
            "crossoverProbability must be in [0, 1.0], was -0.1"),
        bad(
            s -> s.withCrossoverProbability(Double.NaN),
            "crossoverProbability must be in [0, 1.0], was NaN"),
        bad(s -> s.withMutationEta(1001), "mutationEta must be in [0, 1000.0], was 1001.0"),
        bad(s -> s.withMutationRate(1.5), "mutationRate must be in [0, 1.0], was 1.5"),
        bad(s -> s.withObjectives(3), "objectives must be in [1, 2], was 3"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void rejectsBadValuesNamingThem(UnaryOperator<EvolutionSettings> change, String message) {
    EvolutionSettings defaults = EvolutionSettings.defaults();
    assertThatThrownBy(() -> change.apply(defaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static Arguments bad(UnaryOperator<EvolutionSettings> change, String message) {
    return Arguments.of(change, message);
  }
}

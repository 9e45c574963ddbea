package io.msenas.worker.fitness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.message.FitnessConfig;
import org.junit.jupiter.api.Test;

class FitnessRegistryTest {

  private final FitnessRegistry standard = FitnessRegistry.standard();

  @Test
  void theStandardRegistryHasEveryFitnessASearchMayNameAtItsCurrentVersion() {
    assertThat(standard.versions()).isEqualTo(FitnessConfig.CURRENT_VERSIONS);
    FitnessConfig.CURRENT_VERSIONS.forEach(
        (name, version) ->
            assertThat(standard.find(name, version))
                .hasValueSatisfying(f -> assertThat(f.name()).isEqualTo(name)));
    assertThat(standard.describe())
        .isEqualTo(
            "rdm-hamming v1, rdm-pearson v1, rsa-labels v1, sahd-logdet v1, trained-accuracy v1");
  }

  @Test
  void anUnknownNameOrVersionIsNotFound() {
    assertThat(standard.find("trained-accuracy", 2)).isEmpty();
    assertThat(standard.find("rdm-pearson", 2)).isEmpty();
    assertThat(standard.find("RDM-HAMMING", 1)).isEmpty();
  }

  @Test
  void anotherFunctionCanBeAddedButNotUnderATakenName() {
    FitnessFunction mine = new SpikeFitness("my-score", 1, (b, t, l) -> new RdmAccumulator(b, t));

    assertThat(standard.with(mine).find("my-score", 1)).containsSame(mine);
    assertThat(standard.find("my-score", 1)).as("registries are immutable").isEmpty();
    assertThatThrownBy(() -> standard.with(new SpikeFitness("rdm-hamming", 2, RsaLabels::new)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fitness 'rdm-hamming' is registered already as rdm-hamming v1");
  }
}

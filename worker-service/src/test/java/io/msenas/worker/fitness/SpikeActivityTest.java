package io.msenas.worker.fitness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.network.Phenotype.Shape;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.SpikeRaster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpikeActivity} on two hand-built layers of B = 3 samples and T = 2 steps. */
class SpikeActivityTest {

  private static final double EXACT = 1e-12;

  @Test
  void spikeRateIsSpikesOverNeuronsStepsAndSamples() {
    // B = 3, T = 2; A: 3 neurons, 9 spikes -> 9 / 18 = 0.5; B: 5 neurons, 9 spikes, 3 instances ->
    // 9 / 30 = 0.3, counted once however many instances
    SpikeRaster a = new SpikeRaster(3, 2, 3);
    int[][] aSpikes = {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 2}, {1, 0, 0}, {1, 1, 0}, {1, 2, 0}};
    for (int[] s : aSpikes) {
      a.set(s[0], s[1], s[2]);
    }
    a.set(2, 1, 1);
    a.set(2, 1, 2);
    SpikeRaster b = new SpikeRaster(3, 2, 5);
    int[][] bSpikes = {{0, 0, 0}, {1, 0, 0}, {2, 0, 1}, {2, 0, 2}, {2, 0, 3}, {2, 0, 4}};
    for (int[] s : bSpikes) {
      b.set(s[0], s[1], s[2]);
    }
    b.set(1, 1, 0);
    b.set(1, 1, 1);
    b.set(2, 1, 4);
    SpikeActivity activity = new SpikeActivity();

    activity.onSpikes(new SpikeGroup(4, "a", List.of(0), new Shape(1, 1, 3), 1), a);
    activity.onSpikes(new SpikeGroup(7, "b", List.of(1), new Shape(1, 1, 5), 3), b);

    assertThat(activity.layers()).hasSize(2);
    LayerActivity first = activity.layers().get(0);
    LayerActivity second = activity.layers().get(1);
    assertThat(first.group()).isEqualTo(4);
    assertThat(first.name()).isEqualTo("a");
    assertThat(first.instances()).isEqualTo(1);
    assertThat(first.neurons()).isEqualTo(3);
    assertThat(first.spikes()).isEqualTo(9);
    assertThat(first.rate()).isCloseTo(0.5, within(EXACT));
    assertThat(second.group()).isEqualTo(7);
    assertThat(second.instances()).isEqualTo(3);
    assertThat(second.neurons()).isEqualTo(5);
    assertThat(second.spikes()).isEqualTo(9);
    assertThat(second.rate()).isCloseTo(0.3, within(EXACT));
  }
}

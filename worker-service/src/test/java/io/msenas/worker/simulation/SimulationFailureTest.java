package io.msenas.worker.simulation;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulation that throws part-way gives back every buffer it borrowed: the spike states and the
 * convolution outputs still in use, whichever LIF layer it stops at.
 */
class SimulationFailureTest {

  private static final int SAMPLES = 4;

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void aRunThatThrowsGivesBackEveryBufferItBorrowed() {
    Phenotype phenotype = build(SIX_CELLS, DeterminismTest.GENOME, 8, 2);
    int layers = phenotype.spikeGroups().size();
    float[] images = new float[SAMPLES * 32 * 32];
    Arrays.fill(images, 0.7f);
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, 42);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights, memory)) {
      for (int failAt : new int[] {1, 2, layers / 2, layers}) {
        AtomicInteger seen = new AtomicInteger();
        memory.resetPeak();

        assertThatThrownBy(
                () ->
                    simulator.run(
                        images,
                        SAMPLES,
                        (group, raster) -> {
                          if (seen.incrementAndGet() == failAt) {
                            throw new IllegalStateException("observer fails at layer " + failAt);
                          }
                        }))
            .hasMessage("observer fails at layer " + failAt);

        assertThat(memory.peakBorrowedBytes()).as("borrowed before layer %d", failAt).isPositive();
        assertThat(memory.borrowedBytes()).as("left borrowed after layer %d", failAt).isZero();
      }
      // and the buffers given back serve the next run
      ForwardSimulator.Output output = simulator.run(images, SAMPLES, null);
      assertThat(output.logits()).hasSize(SAMPLES * 10);
      assertThat(memory.borrowedBytes()).isZero();
    }
  }
}

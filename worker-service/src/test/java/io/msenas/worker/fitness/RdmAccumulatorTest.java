package io.msenas.worker.fitness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.network.Phenotype.Shape;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.SpikeRaster;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RdmAccumulator} on two hand-built layers of B = 3 samples and T = 2 steps: layer A (3
 * neurons, one LIF instance) and layer B (5 neurons, standing for 3 identical instances).
 */
class RdmAccumulatorTest {

  private static final int SAMPLES = 3;
  private static final int STEPS = 2;
  private static final double EXACT = 1e-12;

  // layer A, 3 neurons:
  //   t0: s0 = 110, s1 = 011, s2 = 000 -> d01 = 2, d02 = 2, d12 = 2
  //   t1: s0 = 100, s1 = 100, s2 = 111 -> d01 = 0, d02 = 2, d12 = 2
  //   D_A (sum over steps): d01 = 2, d02 = 4, d12 = 4; spikes 4 + 5 = 9
  private static final int[][][] LAYER_A = {
    {{1, 1, 0}, {0, 1, 1}, {0, 0, 0}},
    {{1, 0, 0}, {1, 0, 0}, {1, 1, 1}},
  };
  // layer B, 5 neurons:
  //   t0: s0 = 10000, s1 = 10000, s2 = 01111 -> d01 = 0, d02 = 5, d12 = 5
  //   t1: s0 = 00000, s1 = 11000, s2 = 00001 -> d01 = 2, d02 = 1, d12 = 3
  //   D_B: d01 = 2, d02 = 6, d12 = 8; spikes 6 + 3 = 9
  private static final int[][][] LAYER_B = {
    {{1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {0, 1, 1, 1, 1}},
    {{0, 0, 0, 0, 0}, {1, 1, 0, 0, 0}, {0, 0, 0, 0, 1}},
  };

  private RdmAccumulator accumulator;

  @BeforeEach
  void feedBothLayers() {
    accumulator = new RdmAccumulator(SAMPLES, STEPS);
    accumulator.onSpikes(
        new SpikeGroup(0, "a", List.of(0), new Shape(1, 1, 3), 1), raster(LAYER_A, 3));
    accumulator.onSpikes(
        new SpikeGroup(1, "b", List.of(1), new Shape(1, 1, 5), 3), raster(LAYER_B, 5));
  }

  @Test
  void meanRdmWeighsEachLayerByItsMultiplicityAndDividesByInstancesTimesSteps() {
    // (1 * D_A + 3 * D_B) / ((1 + 3) * T) = (D_A + 3 D_B) / 8
    // d01 = (2 + 6) / 8 = 1, d02 = (4 + 18) / 8 = 2.75, d12 = (4 + 24) / 8 = 3.5
    double[] expected = {
      0, 1, 2.75, 1, 0, 3.5, 2.75, 3.5, 0,
    };

    assertThat(accumulator.meanRdm()).containsExactly(expected, within(EXACT));
    assertThat(accumulator.instanceSteps()).isEqualTo(8);
  }

  @Test
  void scoreIsTheSumOfTheMeanRdmEntries() {
    // 2 * (1 + 2.75 + 3.5) = 14.5
    assertThat(accumulator.score()).isCloseTo(14.5, within(EXACT));
  }

  @Test
  void normalisedRdmDividesEachLayerByItsNeuronCount() {
    // (D_A / 3 + 3 D_B / 5) / 8
    // d01 = (2/3 + 6/5) / 8, d02 = (4/3 + 18/5) / 8, d12 = (4/3 + 24/5) / 8
    double d01 = (2.0 / 3 + 6.0 / 5) / 8;
    double d02 = (4.0 / 3 + 18.0 / 5) / 8;
    double d12 = (4.0 / 3 + 24.0 / 5) / 8;
    double[] expected = {
      0, d01, d02, d01, 0, d12, d02, d12, 0,
    };

    assertThat(accumulator.meanNormalisedRdm()).containsExactly(expected, within(EXACT));
    // 2 * (10/3 + 48/5) / 8 = 3.2333...
    assertThat(accumulator.normalisedScore())
        .isCloseTo(2 * (10.0 / 3 + 48.0 / 5) / 8, within(EXACT));
  }

  @Test
  void finishReportsTheScoreTheNormalisedScoreAndTheMeanRdm() {
    BatchScore batch = accumulator.finish();

    assertThat(batch.score()).isEqualTo(accumulator.score());
    assertThat(batch.widthNormalisedScore()).isEqualTo(accumulator.normalisedScore());
    assertThat(batch.rdm()).containsExactly(accumulator.meanRdm());
  }

  @Test
  void anEmptyAccumulatorScoresZero() {
    RdmAccumulator empty = new RdmAccumulator(SAMPLES, STEPS);

    assertThat(empty.meanRdm()).containsOnly(0.0);
    assertThat(empty.score()).isZero();
    assertThat(empty.instanceSteps()).isZero();
  }

  private static SpikeRaster raster(int[][][] spikes, int neurons) {
    SpikeRaster raster = new SpikeRaster(SAMPLES, STEPS, neurons);
    for (int t = 0; t < STEPS; t++) {
      for (int b = 0; b < SAMPLES; b++) {
        for (int n = 0; n < neurons; n++) {
          if (spikes[t][b][n] == 1) {
            raster.set(b, t, n);
          }
        }
      }
    }
    return raster;
  }
}

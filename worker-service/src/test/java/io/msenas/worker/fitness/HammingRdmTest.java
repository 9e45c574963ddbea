package io.msenas.worker.fitness;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.SpikeRaster;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two fast Hamming RDMs ({@link HammingRdm#bitPacked}, {@link HammingRdm#gemm}) against the
 * definition ({@link HammingRdm#direct}) summed over steps. Entries are integer spike counts, so
 * the three must agree exactly.
 */
class HammingRdmTest {

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  static Stream<Arguments> shapes() {
    // seed, neurons, samples, steps, spike probability
    List<Arguments> cases = new ArrayList<>();
    int[] neurons = {1, 63, 64, 65, 1000};
    int[][] samplesAndSteps = {{2, 1}, {5, 3}, {17, 2}};
    long seed = 1;
    for (int n : neurons) {
      for (int[] bt : samplesAndSteps) {
        cases.add(Arguments.of(seed, n, bt[0], bt[1], seed % 3 == 0 ? 0.05 : 0.4));
        seed++;
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "seed {0}: {1} neurons, {2} samples, {3} steps, p = {4}")
  @MethodSource("shapes")
  void bitPackedAndGemmEqualTheSumOverStepsOfTheDefinition(
      long seed, int neurons, int samples, int steps, double p) {
    float[][][] spikes = randomSpikes(new SplittableRandom(seed), steps, samples, neurons, p);
    long[] expected = new long[samples * samples];
    for (int t = 0; t < steps; t++) {
      long[] d = HammingRdm.direct(spikes[t]);
      for (int i = 0; i < d.length; i++) {
        expected[i] += d[i];
      }
    }

    long[] packed = HammingRdm.bitPacked(raster(spikes, neurons));
    long[] gemm;
    try (INDArray matrix = timeMajor(spikes, neurons)) {
      gemm = HammingRdm.gemm(matrix, steps, samples);
    }

    assertThat(packed).containsExactly(expected);
    // partial int counts over 3 ints (a ragged last partial for most shapes) add up alike
    assertThat(HammingRdm.bitPacked(raster(spikes, neurons), 3)).containsExactly(expected);
    assertThat(gemm).containsExactly(expected);
    assertSymmetricWithZeroDiagonal(packed, samples);
    assertSymmetricWithZeroDiagonal(gemm, samples);
  }

  @Test
  void gemmReadsAnNhwcSpikeTensorAsOneRowPerStepAndSample() {
    // the simulator's spike tensors are [T*B, H, W, C]; a sample's neurons are its NHWC row
    int steps = 2;
    int samples = 6;
    int height = 3;
    int width = 4;
    int channels = 5;
    int neurons = height * width * channels;
    float[][][] spikes = randomSpikes(new SplittableRandom(77), steps, samples, neurons, 0.3);
    float[] flat = flatten(spikes, neurons);

    long[] gemm;
    try (INDArray tensor =
        Nd4j.create(flat, new long[] {steps * samples, height, width, channels}, DataType.FLOAT)) {
      gemm = HammingRdm.gemm(tensor, steps, samples);
    }

    assertThat(gemm).containsExactly(HammingRdm.bitPacked(raster(spikes, neurons)));
  }

  @Test
  void distancesOfAHandWrittenPairCountTheNeuronsThatDiffer() {
    // sample 0: 1 0 1 1, sample 1: 0 0 1 0 -> they differ on neurons 0 and 3 at step 0;
    // step 1: sample 0: 0 0 0 0, sample 1: 1 1 1 1 -> 4; the sum over steps is 6
    float[][][] spikes = {
      {{1, 0, 1, 1}, {0, 0, 1, 0}},
      {{0, 0, 0, 0}, {1, 1, 1, 1}},
    };

    assertThat(HammingRdm.direct(spikes[0])).containsExactly(0, 2, 2, 0);
    assertThat(HammingRdm.bitPacked(raster(spikes, 4))).containsExactly(0, 6, 6, 0);
  }

  @Test
  void identicalSamplesHaveZeroDistance() {
    float[][][] spikes = randomSpikes(new SplittableRandom(2), 2, 1, 130, 0.5);
    float[][][] twins = new float[2][][];
    for (int t = 0; t < 2; t++) {
      twins[t] = new float[][] {spikes[t][0], spikes[t][0].clone(), new float[130]};
    }

    long[] d = HammingRdm.bitPacked(raster(twins, 130));

    assertThat(d[1]).isZero(); // (0, 1)
    assertThat(d[2]).isEqualTo(d[5]).isPositive(); // (0, 2) = (1, 2) = spikes of sample 0
  }

  private static void assertSymmetricWithZeroDiagonal(long[] d, int samples) {
    for (int i = 0; i < samples; i++) {
      assertThat(d[i * samples + i]).as("diagonal %d", i).isZero();
      for (int j = 0; j < samples; j++) {
        assertThat(d[i * samples + j]).as("(%d, %d)", i, j).isEqualTo(d[j * samples + i]);
      }
    }
  }

  /** [t][b][n] with P(1) = p. */
  static float[][][] randomSpikes(
      SplittableRandom random, int steps, int samples, int neurons, double p) {
    float[][][] spikes = new float[steps][samples][neurons];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < samples; b++) {
        for (int n = 0; n < neurons; n++) {
          spikes[t][b][n] = random.nextDouble() < p ? 1f : 0f;
        }
      }
    }
    return spikes;
  }

  static SpikeRaster raster(float[][][] spikes, int neurons) {
    int steps = spikes.length;
    int samples = spikes[0].length;
    SpikeRaster raster = new SpikeRaster(samples, steps, neurons);
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < samples; b++) {
        for (int n = 0; n < neurons; n++) {
          if (spikes[t][b][n] == 1f) {
            raster.set(b, t, n);
          }
        }
      }
    }
    return raster;
  }

  private static float[] flatten(float[][][] spikes, int neurons) {
    int steps = spikes.length;
    int samples = spikes[0].length;
    float[] flat = new float[steps * samples * neurons];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < samples; b++) {
        System.arraycopy(spikes[t][b], 0, flat, (t * samples + b) * neurons, neurons);
      }
    }
    return flat;
  }

  private static INDArray timeMajor(float[][][] spikes, int neurons) {
    int rows = spikes.length * spikes[0].length;
    return Nd4j.create(flatten(spikes, neurons), new long[] {rows, neurons}, DataType.FLOAT);
  }
}

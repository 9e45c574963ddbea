package io.msenas.worker.fitness;

import static io.msenas.worker.fitness.HammingRdmTest.randomSpikes;
import static io.msenas.worker.fitness.HammingRdmTest.raster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.network.Phenotype.Shape;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PearsonRdm} against the definition computed naively: means, covariances and variances of
 * each pair of float spike vectors at each step.
 */
class PearsonRdmTest {

  private static final double RELATIVE = 1e-9;

  static Stream<Arguments> shapes() {
    // seed, neurons, samples, steps, spike probability
    List<Arguments> cases = new ArrayList<>();
    int[] neurons = {1, 2, 63, 64, 65, 1000};
    int[][] samplesAndSteps = {{2, 1}, {5, 3}, {17, 2}};
    double[] rates = {0.05, 0.4, 0.95};
    long seed = 1;
    for (int n : neurons) {
      for (int[] bt : samplesAndSteps) {
        cases.add(Arguments.of(seed, n, bt[0], bt[1], rates[(int) (seed % 3)]));
        seed++;
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "seed {0}: {1} neurons, {2} samples, {3} steps, p = {4}")
  @MethodSource("shapes")
  void summedDistancesEqualTheNaiveDefinition(
      long seed, int neurons, int samples, int steps, double p) {
    float[][][] spikes = randomSpikes(new SplittableRandom(seed), steps, samples, neurons, p);

    double[] fast = PearsonRdm.distancesSummedOverSteps(raster(spikes, neurons));

    double[] expected = naiveSummedOverSteps(spikes);
    assertClose(fast, expected);
    for (int i = 0; i < samples; i++) {
      assertThat(fast[i * samples + i]).as("diagonal %d", i).isZero();
    }
  }

  @Test
  void theBatchRdmIsTheInstanceWeightedMeanOverLayersAndSteps() {
    SplittableRandom random = new SplittableRandom(9);
    int samples = 6;
    int steps = 3;
    float[][][] a = randomSpikes(random, steps, samples, 40, 0.3);
    float[][][] b = randomSpikes(random, steps, samples, 130, 0.1);
    PearsonRdm scorer = new PearsonRdm(samples);

    scorer.onSpikes(group(0, 1, 40), raster(a, 40));
    scorer.onSpikes(group(1, 3, 130), raster(b, 130));
    BatchScore batch = scorer.finish();

    // (1 * D_a + 3 * D_b) / ((1 + 3) * T)
    double[] da = naiveSummedOverSteps(a);
    double[] db = naiveSummedOverSteps(b);
    double[] expected = new double[samples * samples];
    double total = 0;
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (da[i] + 3 * db[i]) / (4.0 * steps);
      total += expected[i];
    }
    assertClose(batch.rdm(), expected);
    assertThat(batch.score()).isCloseTo(total, within(RELATIVE * total));
    assertThat(batch.widthNormalisedScore()).as("already independent of width").isNull();
  }

  @Test
  void silentLayersGiveZeroDistanceBetweenEverySample() {
    int samples = 4;
    PearsonRdm scorer = new PearsonRdm(samples);

    scorer.onSpikes(group(0, 2, 70), raster(new float[2][samples][70], 70));
    BatchScore batch = scorer.finish();

    assertThat(batch.rdm()).containsOnly(0.0);
    assertThat(batch.score()).isZero();
  }

  @Test
  void identicalSamplesHaveZeroDistanceAndOppositeOnesTwo() {
    float[] x = {1, 0, 0, 1, 1, 0, 1, 0, 0, 0};
    float[] opposite = new float[x.length];
    for (int n = 0; n < x.length; n++) {
      opposite[n] = 1 - x[n];
    }
    float[][][] spikes = {{x, x.clone(), opposite}};

    double[] d = PearsonRdm.distancesSummedOverSteps(raster(spikes, x.length));

    assertThat(d[1]).isZero(); // (0, 1): identical
    assertThat(d[2]).isCloseTo(2.0, within(1e-15)); // (0, 2): r = -1
  }

  @Test
  void aConstantVectorIsAtDistanceOneFromAnyOtherAndZeroFromItsTwin() {
    int n = 8;
    float[] silent = new float[n];
    float[] saturated = new float[n];
    java.util.Arrays.fill(saturated, 1f);
    float[] some = {1, 0, 1, 0, 0, 0, 0, 1};
    float[][][] spikes = {{silent, silent.clone(), saturated, saturated.clone(), some}};

    double[] d = PearsonRdm.distancesSummedOverSteps(raster(spikes, n));

    int b = 5;
    assertThat(d[0 * b + 1]).as("silent, silent").isZero();
    assertThat(d[2 * b + 3]).as("saturated, saturated").isZero();
    assertThat(d[0 * b + 2]).as("silent, saturated").isEqualTo(1.0);
    assertThat(d[0 * b + 4]).as("silent, some").isEqualTo(1.0);
    assertThat(d[2 * b + 4]).as("saturated, some").isEqualTo(1.0);
    assertThat(d).containsExactly(naiveSummedOverSteps(spikes));
  }

  static SpikeGroup group(int id, int multiplicity, int neurons) {
    return new SpikeGroup(id, "l" + id, List.of(id), new Shape(1, 1, neurons), multiplicity);
  }

  static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("entry %d", i)
          .isCloseTo(expected[i], within(RELATIVE * Math.max(1, Math.abs(expected[i]))));
    }
  }

  /** The definition, one pair and step at a time. */
  static double[] naiveSummedOverSteps(float[][][] spikes) {
    int samples = spikes[0].length;
    double[] d = new double[samples * samples];
    for (float[][] step : spikes) {
      for (int i = 0; i < samples; i++) {
        for (int j = 0; j < samples; j++) {
          if (i != j) {
            d[i * samples + j] += 1 - naiveCorrelation(step[i], step[j]);
          }
        }
      }
    }
    return d;
  }

  /** Pearson's r, with the documented values where it is undefined. */
  private static double naiveCorrelation(float[] x, float[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int k = 0; k < n; k++) {
      mx += x[k];
      my += y[k];
    }
    mx /= n;
    my /= n;
    double cov = 0;
    double vx = 0;
    double vy = 0;
    for (int k = 0; k < n; k++) {
      cov += (x[k] - mx) * (y[k] - my);
      vx += (x[k] - mx) * (x[k] - mx);
      vy += (y[k] - my) * (y[k] - my);
    }
    if (vx == 0 || vy == 0) {
      return java.util.Arrays.equals(x, y) ? 1 : 0;
    }
    return cov / Math.sqrt(vx * vy);
  }
}

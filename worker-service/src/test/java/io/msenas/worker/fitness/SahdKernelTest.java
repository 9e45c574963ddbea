package io.msenas.worker.fitness;

import static io.msenas.worker.fitness.HammingRdmTest.randomSpikes;
import static io.msenas.worker.fitness.HammingRdmTest.raster;
import static io.msenas.worker.fitness.PearsonRdmTest.assertClose;
import static io.msenas.worker.fitness.PearsonRdmTest.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SahdKernel} against SNASNet's kernel written out naively (per layer and step: rates,
 * Hamming distances, {@code N - 0.5 d / (r_i (1 - r_j) + (1 - r_i) r_j + 0.001)}, then the mean)
 * and a log-determinant by cofactor expansion.
 */
class SahdKernelTest {

  @ParameterizedTest(name = "seed {0}: {1} samples, {2} steps, p = {3}")
  @CsvSource({"1, 2, 1, 0.3", "2, 4, 3, 0.05", "3, 6, 2, 0.5", "4, 7, 4, 0.9", "5, 5, 2, 0.01"})
  void kernelAndScoreEqualTheNaiveDefinition(long seed, int samples, int steps, double p) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] widths = {3, 64, 65, 200};
    int[] multiplicities = {1, 2, 1, 3};
    float[][][][] layers = new float[widths.length][][][];
    SahdKernel scorer = new SahdKernel(samples);
    for (int l = 0; l < widths.length; l++) {
      layers[l] = randomSpikes(random, steps, samples, widths[l], p * (1 + l) / widths.length);
      scorer.onSpikes(group(l, multiplicities[l], widths[l]), raster(layers[l], widths[l]));
    }

    BatchScore batch = scorer.finish();

    double[] kernel = naiveKernel(layers, multiplicities, samples);
    assertClose(scorer.kernel(), kernel);
    double expected = Math.log(Math.abs(cofactorDeterminant(kernel, samples)));
    assertThat(batch.score()).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    assertThat(batch.widthNormalisedScore()).isNull();
    // the reported RDM is the mean rescaled distance: K = mean width - D
    double meanWidth = (3 * 1 + 64 * 2 + 65 * 1 + 200 * 3) / 7.0;
    for (int i = 0; i < kernel.length; i++) {
      assertThat(batch.rdm()[i])
          .isCloseTo(meanWidth - kernel[i], within(1e-9 * Math.max(1, meanWidth)));
    }
  }

  @Test
  void aSilentNetworkHasASingularKernelAndAFiniteScoreBelowAnActiveOnes() {
    int samples = 6;
    SahdKernel silent = new SahdKernel(samples);
    silent.onSpikes(group(0, 1, 100), raster(new float[2][samples][100], 100));
    SahdKernel active = new SahdKernel(samples);
    active.onSpikes(
        group(0, 1, 100), raster(randomSpikes(new SplittableRandom(3), 2, samples, 100, 0.2), 100));

    double silentScore = silent.finish().score();
    double activeScore = active.finish().score();

    // every entry N: rank 1
    assertThat(silent.kernel()).containsOnly(100.0);
    assertThat(silentScore).isFinite().isLessThan(activeScore - 100);
    assertThat(activeScore).isFinite();
  }

  @Test
  void identicalSamplesMakeTheKernelSingularAndScoreFarLower() {
    int samples = 5;
    float[][][] spikes = randomSpikes(new SplittableRandom(8), 3, samples, 90, 0.3);
    SahdKernel distinct = new SahdKernel(samples);
    distinct.onSpikes(group(0, 1, 90), raster(spikes, 90));
    for (float[][] step : spikes) {
      step[4] = step[1].clone();
    }
    SahdKernel twins = new SahdKernel(samples);
    twins.onSpikes(group(0, 1, 90), raster(spikes, 90));

    double[] k = twins.kernel();
    for (int c = 0; c < samples; c++) {
      assertThat(k[4 * samples + c]).as("column %d", c).isEqualTo(k[1 * samples + c]);
    }
    assertThat(twins.finish().score()).isFinite().isLessThan(distinct.finish().score() - 20);
  }

  @Test
  void twoUnrelatedSamplesAreAboutHalfTheWidthApartAtAnySparsity() {
    // independent random vectors: d ~ N (r_i (1 - r_j) + (1 - r_i) r_j), rescaled ~ N / 2
    for (double p : new double[] {0.02, 0.2, 0.5}) {
      float[][][] spikes = randomSpikes(new SplittableRandom(11), 1, 2, 100_000, p);
      double d = SahdKernel.rescaledDistancesSummedOverSteps(raster(spikes, 100_000))[1];
      assertThat(d).as("p = %s", p).isCloseTo(50_000, within(2_500.0));
    }
  }

  static double[] naiveKernel(float[][][][] layers, int[] multiplicities, int samples) {
    double[] k = new double[samples * samples];
    long pairs = 0;
    for (int l = 0; l < layers.length; l++) {
      for (float[][] step : layers[l]) {
        int n = step[0].length;
        double[] rate = new double[samples];
        for (int i = 0; i < samples; i++) {
          for (float v : step[i]) {
            rate[i] += v;
          }
          rate[i] /= n;
        }
        for (int i = 0; i < samples; i++) {
          for (int j = 0; j < samples; j++) {
            int hamming = 0;
            for (int u = 0; u < n; u++) {
              hamming += step[i][u] != step[j][u] ? 1 : 0;
            }
            double norm = rate[i] * (1 - rate[j]) + (1 - rate[i]) * rate[j];
            k[i * samples + j] += multiplicities[l] * (n - 0.5 * hamming / (norm + 1e-3));
          }
        }
        pairs += multiplicities[l];
      }
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= pairs;
    }
    return k;
  }

  /** det by cofactor expansion along the first row: n! terms, for small n only. */
  static double cofactorDeterminant(double[] m, int n) {
    if (n == 1) {
      return m[0];
    }
    double det = 0;
    for (int c = 0; c < n; c++) {
      double[] minor = new double[(n - 1) * (n - 1)];
      int k = 0;
      for (int r = 1; r < n; r++) {
        for (int cc = 0; cc < n; cc++) {
          if (cc != c) {
            minor[k++] = m[r * n + cc];
          }
        }
      }
      det += (c % 2 == 0 ? 1 : -1) * m[c] * cofactorDeterminant(minor, n - 1);
    }
    return det;
  }
}

package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.SpikeRaster;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@code sahd-logdet} on one batch: SNASNet's sparsity-aware Hamming kernel and its log-determinant
 * (Kim et al., "Neural Architecture Search for Spiking Neural Networks", ECCV 2022; the definition
 * follows the authors' release, docs/engine.md).
 *
 * <p>For every LIF instance l (N neurons) and step t, with r_i the fraction of the N neurons that
 * sample i fired and d_ij the Hamming distance of samples i and j:
 *
 * <pre>
 *   K(l,t)[i][j] = N - 0.5 d_ij / (r_i (1 - r_j) + (1 - r_i) r_j + 0.001)
 * </pre>
 *
 * (the expected Hamming distance of independent vectors with these rates is N times the
 * denominator's first two terms, so the rescaled distance of two unrelated samples is about N/2 at
 * any sparsity). K is the mean of K(l,t) over all (instance, step) pairs, a group of m instances
 * counting m times; the batch's score is {@code log|det K|} ({@link LogDeterminant}). The reported
 * RDM is the mean rescaled distance {@code D}, so that {@code K = mean(N) - D}. Not thread-safe.
 */
public final class SahdKernel implements BatchScorer {

  /** SNASNet's guard against a zero denominator. */
  static final double EPSILON = 1e-3;

  private final int samples;
  private final double[] distanceSum;
  private double widthSum;
  private long instanceSteps;

  public SahdKernel(int samples) {
    this.samples = samples;
    this.distanceSum = new double[samples * samples];
  }

  @Override
  public void onSpikes(SpikeGroup group, SpikeRaster raster) {
    double[] distances = rescaledDistancesSummedOverSteps(raster);
    int multiplicity = group.multiplicity();
    for (int i = 0; i < distances.length; i++) {
      distanceSum[i] += multiplicity * distances[i];
    }
    long pairs = (long) multiplicity * raster.steps();
    widthSum += (double) pairs * raster.neurons();
    instanceSteps += pairs;
  }

  @Override
  public BatchScore finish() {
    double[] distances = meanDistances();
    return new BatchScore(LogDeterminant.logAbs(kernel(), samples), null, distances);
  }

  /** The mean rescaled distance D over all (instance, step) pairs; zeros before any layer. */
  public double[] meanDistances() {
    double[] mean = new double[distanceSum.length];
    if (instanceSteps == 0) {
      return mean;
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] = distanceSum[i] / instanceSteps;
    }
    return mean;
  }

  /** The mean kernel K = mean(N) - D, B x B row-major; zeros before any layer. */
  public double[] kernel() {
    double[] k = meanDistances();
    if (instanceSteps == 0) {
      return k;
    }
    double width = widthSum / instanceSteps;
    for (int i = 0; i < k.length; i++) {
      k[i] = width - k[i];
    }
    return k;
  }

  /**
   * The sum over the raster's steps of {@code 0.5 d_ij / (r_i (1 - r_j) + (1 - r_i) r_j + 0.001)}:
   * symmetric, B x B row-major, zero diagonal.
   */
  static double[] rescaledDistancesSummedOverSteps(SpikeRaster raster) {
    int steps = raster.steps();
    // ints per step: a step's count (at most its neurons) fits an int
    int perStep = 2 * raster.wordsPerStep();
    double neurons = raster.neurons();
    int[] bits = RasterBits.copyAsInts(raster);
    long[] counts = RasterBits.countsPerSampleStep(raster, bits);
    double[] rates = new double[counts.length];
    for (int k = 0; k < counts.length; k++) {
      rates[k] = counts[k] / neurons;
    }
    int b = raster.samples();
    double[] distances = new double[b * b];
    IntStream.range(0, b)
        .parallel()
        .forEach(
            i -> {
              long[] differ = new long[4];
              int j = i + 1;
              // four partners at a time (one read of sample i's bits), then one by one; each
              // pair's sum still runs over the steps in order
              for (; j + 4 <= b; j += 4) {
                double[] sums = new double[4];
                for (int t = 0; t < steps; t++) {
                  int x = (i * steps + t) * perStep;
                  int y = (j * steps + t) * perStep;
                  Arrays.fill(differ, 0);
                  RasterBits.differingFour(bits, x, y, steps * perStep, perStep, differ, 0);
                  for (int k = 0; k < 4; k++) {
                    sums[k] +=
                        rescaled(differ[k], rates[i * steps + t], rates[(j + k) * steps + t]);
                  }
                }
                for (int k = 0; k < 4; k++) {
                  distances[i * b + j + k] = sums[k];
                }
              }
              for (; j < b; j++) {
                double sum = 0;
                for (int t = 0; t < steps; t++) {
                  int x = (i * steps + t) * perStep;
                  int y = (j * steps + t) * perStep;
                  long d = RasterBits.differing(bits, x, y, perStep);
                  sum += rescaled(d, rates[i * steps + t], rates[j * steps + t]);
                }
                distances[i * b + j] = sum;
              }
            });
    for (int i = 0; i < b; i++) {
      for (int j = i + 1; j < b; j++) {
        distances[j * b + i] = distances[i * b + j];
      }
    }
    return distances;
  }

  /** One pair's rescaled distance at one (layer, step). */
  static double rescaled(long hamming, double rateI, double rateJ) {
    return 0.5 * hamming / (rateI * (1 - rateJ) + (1 - rateI) * rateJ + EPSILON);
  }
}

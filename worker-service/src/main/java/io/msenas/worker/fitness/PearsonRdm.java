package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.SpikeRaster;
import java.util.stream.IntStream;

/**
 * {@code rdm-pearson} on one batch: for every LIF instance l and step t, the RDM {@code D[i][j] = 1
 * - r(x_i, x_j)} with r the Pearson correlation of samples i's and j's binary spike vectors over
 * the layer's N neurons; aggregated like {@code rdm-hamming} (mean over (instance, step) pairs, a
 * group of m instances counting m times; score = sum of the mean RDM's entries).
 *
 * <p>With a = spikes of sample i, b = spikes of sample j and c = neurons where both spiked, {@code
 * r = (N c - a b) / sqrt(a (N - a) b (N - b))}: the population correlation (means and variances
 * over the N neurons). r is undefined when either vector is constant (no spike, or every neuron
 * spiking); then D = 0 if the two vectors are identical and 1 otherwise (no measurable linear
 * relation, the value of r = 0). D is in [0, 2]; the diagonal is 0.
 *
 * <p>Computed from the bit-packed raster: c by {@code Integer.bitCount(x & y)} per step, B^2 N T /
 * 64 int operations per layer ({@link RasterBits}). Not thread-safe.
 */
public final class PearsonRdm implements BatchScorer {

  private final double[] sum;
  private long instanceSteps;

  public PearsonRdm(int samples) {
    this.sum = new double[samples * samples];
  }

  @Override
  public void onSpikes(SpikeGroup group, SpikeRaster raster) {
    double[] distances = distancesSummedOverSteps(raster);
    int multiplicity = group.multiplicity();
    for (int i = 0; i < distances.length; i++) {
      sum[i] += multiplicity * distances[i];
    }
    instanceSteps += (long) multiplicity * raster.steps();
  }

  @Override
  public BatchScore finish() {
    double[] mean = meanRdm();
    return new BatchScore(RdmAccumulator.total(mean), null, mean);
  }

  /** The mean RDM over all (instance, step) pairs: B x B row-major; zeros before any layer. */
  public double[] meanRdm() {
    double[] mean = new double[sum.length];
    if (instanceSteps == 0) {
      return mean;
    }
    for (int i = 0; i < sum.length; i++) {
      mean[i] = sum[i] / instanceSteps;
    }
    return mean;
  }

  /**
   * The sum over the raster's steps of the per-step RDMs {@code 1 - r}: symmetric, B x B row-major,
   * zero diagonal.
   */
  static double[] distancesSummedOverSteps(SpikeRaster raster) {
    int steps = raster.steps();
    // ints per step: a step's count (at most its neurons) fits an int
    int perStep = 2 * raster.wordsPerStep();
    long neurons = raster.neurons();
    int[] bits = RasterBits.copyAsInts(raster);
    long[] counts = RasterBits.countsPerSampleStep(raster, bits);
    int b = raster.samples();
    double[] distances = new double[b * b];
    IntStream.range(0, b)
        .parallel()
        .forEach(
            i -> {
              for (int j = i + 1; j < b; j++) {
                double d = 0;
                for (int t = 0; t < steps; t++) {
                  int x = (i * steps + t) * perStep;
                  int y = (j * steps + t) * perStep;
                  long both = RasterBits.shared(bits, x, y, perStep);
                  d += distance(neurons, counts[i * steps + t], counts[j * steps + t], both);
                }
                distances[i * b + j] = d;
              }
            });
    for (int i = 0; i < b; i++) {
      for (int j = i + 1; j < b; j++) {
        distances[j * b + i] = distances[i * b + j];
      }
    }
    return distances;
  }

  /**
   * 1 - r for two binary vectors of {@code n} entries with {@code a} and {@code b} ones, {@code
   * both} of them shared.
   */
  static double distance(long n, long a, long b, long both) {
    if (a == 0 || a == n || b == 0 || b == n) {
      return a == both && b == both ? 0.0 : 1.0;
    }
    double r = (n * both - a * b) / Math.sqrt((double) (a * (n - a)) * (double) (b * (n - b)));
    return 1.0 - r;
  }
}

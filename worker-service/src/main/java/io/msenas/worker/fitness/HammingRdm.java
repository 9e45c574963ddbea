package io.msenas.worker.fitness;

import io.msenas.worker.simulation.SpikeRaster;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hamming representational dissimilarity matrices of binary spike patterns.
 *
 * <p>For a B x N binary matrix X, {@code D = r 1' + 1 r' - 2 X X'} with r the row sums: D[i][j] is
 * the number of neurons on which samples i and j differ. Two ways to get it: bit-packed rows and
 * {@code Integer.bitCount(a ^ b)} (B^2 N / 32 word operations; the default, faster here), and one
 * GEMM per (layer, step) through ND4J; {@link #direct} is the O(B^2 N) definition, for tests.
 */
public final class HammingRdm {

  /** Ints counted into one int partial sum: at most 2^25 bits, far from overflowing it. */
  private static final int INTS_PER_PARTIAL_COUNT = 1 << 20;

  private HammingRdm() {}

  /**
   * Counts, for every pair of samples, the spikes on which their whole histories differ: the sum
   * over the raster's T steps of the per-step Hamming RDMs. Returns a symmetric B x B row-major
   * matrix.
   */
  public static long[] bitPacked(SpikeRaster raster) {
    return bitPacked(raster, INTS_PER_PARTIAL_COUNT);
  }

  /** {@link #bitPacked(SpikeRaster)} with int partial sums over {@code intsPerPartial} ints. */
  static long[] bitPacked(SpikeRaster raster, int intsPerPartial) {
    int samples = raster.samples();
    // the words as ints, counted in int partial sums (RasterBits says why)
    int ints = 2 * raster.wordsPerSample();
    long[] distances = new long[samples * samples];
    int[] bits = RasterBits.copyAsInts(raster);
    // row i owns pairs (i, j > i); rows are interleaved over threads to balance the triangle
    IntStream.range(0, samples)
        .parallel()
        .forEach(
            i -> {
              int a = i * ints;
              int j = i + 1;
              // four partners at a time, then one by one
              for (; j + 4 <= samples; j += 4) {
                int b = j * ints;
                for (int from = 0; from < ints; from += intsPerPartial) {
                  int length = Math.min(intsPerPartial, ints - from);
                  RasterBits.differingFour(
                      bits, a + from, b + from, ints, length, distances, i * samples + j);
                }
              }
              for (; j < samples; j++) {
                int b = j * ints;
                long d = 0;
                for (int from = 0; from < ints; from += intsPerPartial) {
                  int length = Math.min(intsPerPartial, ints - from);
                  d += RasterBits.differing(bits, a + from, b + from, length);
                }
                distances[i * samples + j] = d;
              }
            });
    for (int i = 0; i < samples; i++) {
      for (int j = i + 1; j < samples; j++) {
        distances[j * samples + i] = distances[i * samples + j];
      }
    }
    return distances;
  }

  /**
   * The same sum through ND4J: one GEMM per step, {@code D_t = r 1' + 1 r' - 2 X_t X_t'}.
   *
   * @param spikes T*B rows (time-major) of N 0/1 values
   */
  public static long[] gemm(INDArray spikes, int steps, int samples) {
    long neurons = spikes.length() / ((long) steps * samples);
    INDArray rows = spikes.reshape('c', (long) steps * samples, neurons);
    INDArray gram = Nd4j.create(DataType.FLOAT, samples, samples);
    long[] distances = new long[samples * samples];
    for (int t = 0; t < steps; t++) {
      INDArray x =
          rows.get(
              org.nd4j.linalg.indexing.NDArrayIndex.interval(
                  (long) t * samples, (long) (t + 1) * samples),
              org.nd4j.linalg.indexing.NDArrayIndex.all());
      Nd4j.gemm(x, x, gram, false, true, 1.0, 0.0);
      float[] g = gram.data().asFloat();
      // the diagonal of X X' is r: spikes per sample
      for (int i = 0; i < samples; i++) {
        for (int j = 0; j < samples; j++) {
          distances[i * samples + j] +=
              Math.round(g[i * samples + i] + g[j * samples + j] - 2f * g[i * samples + j]);
        }
      }
    }
    gram.close();
    return distances;
  }

  /** The definition: D[i][j] = number of positions where rows i and j of a binary matrix differ. */
  public static long[] direct(float[][] x) {
    int samples = x.length;
    long[] distances = new long[samples * samples];
    for (int i = 0; i < samples; i++) {
      for (int j = 0; j < samples; j++) {
        long d = 0;
        for (int n = 0; n < x[i].length; n++) {
          d += x[i][n] != x[j][n] ? 1 : 0;
        }
        distances[i * samples + j] = d;
      }
    }
    return distances;
  }
}

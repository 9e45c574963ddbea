package io.msenas.worker.fitness;

import io.msenas.worker.simulation.SpikeRaster;

/**
 * Bulk reads of a {@link SpikeRaster} for the pairwise loops of the fitness functions, and the
 * loops' bit counts.
 *
 * <p>The words are handed out as ints (each 64-bit word as its low half, then its high half): C2 on
 * JDK 17 vectorises {@code Integer.bitCount} where the CPU has a vector popcount, but not {@code
 * Long.bitCount}. On an AVX-512 Xeon that made the Hamming RDMs of the benchmark networks about 1.4
 * times faster (docs/engine.md, "Speed").
 */
final class RasterBits {

  private RasterBits() {}

  /** The raster's words as ints, in its layout (sample-major, then step, then word). */
  static int[] copyAsInts(SpikeRaster raster) {
    int[] bits = new int[2 * raster.samples() * raster.wordsPerSample()];
    for (int i = 0; i < bits.length; i += 2) {
      long word = raster.word(i >>> 1);
      bits[i] = (int) word;
      bits[i + 1] = (int) (word >>> 32);
    }
    return bits;
  }

  /**
   * Bits set in one of {@code bits[a, a + n)} and {@code bits[b, b + n)} but not both. The count is
   * an int: callers keep {@code n} below 2^26.
   */
  static int differing(int[] bits, int a, int b, int n) {
    int count = 0;
    for (int w = 0; w < n; w++) {
      count += Integer.bitCount(bits[a + w] ^ bits[b + w]);
    }
    return count;
  }

  /** Bits set in both {@code bits[a, a + n)} and {@code bits[b, b + n)}; {@code n} below 2^26. */
  static int shared(int[] bits, int a, int b, int n) {
    int count = 0;
    for (int w = 0; w < n; w++) {
      count += Integer.bitCount(bits[a + w] & bits[b + w]);
    }
    return count;
  }

  /** Spikes of each sample at each step: index {@code b * T + t}. */
  static long[] countsPerSampleStep(SpikeRaster raster, int[] bits) {
    int perStep = 2 * raster.wordsPerStep();
    long[] counts = new long[raster.samples() * raster.steps()];
    for (int k = 0; k < counts.length; k++) {
      long c = 0;
      for (int w = k * perStep, end = w + perStep; w < end; w++) {
        c += Integer.bitCount(bits[w]);
      }
      counts[k] = c;
    }
    return counts;
  }
}

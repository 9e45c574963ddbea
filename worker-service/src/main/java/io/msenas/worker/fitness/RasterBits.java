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

  /**
   * {@link #differing} of {@code bits[a, a + n)} against four ranges at once, starting at {@code
   * b}, {@code b + stride}, {@code b + 2 stride} and {@code b + 3 stride}; the counts are added to
   * {@code into[at, at + 4)}. The first range is read once for four pairs, and the four sums are
   * independent: on JDK 17 a single sum's vector loop waits on its own reduction at every step
   * (about 1.5 times slower per pair, docs/engine.md "Speed"). {@code n} below 2^26.
   */
  static void differingFour(int[] bits, int a, int b, int stride, int n, long[] into, int at) {
    int c0 = 0;
    int c1 = 0;
    int c2 = 0;
    int c3 = 0;
    int b1 = b + stride;
    int b2 = b1 + stride;
    int b3 = b2 + stride;
    for (int w = 0; w < n; w++) {
      int x = bits[a + w];
      c0 += Integer.bitCount(x ^ bits[b + w]);
      c1 += Integer.bitCount(x ^ bits[b1 + w]);
      c2 += Integer.bitCount(x ^ bits[b2 + w]);
      c3 += Integer.bitCount(x ^ bits[b3 + w]);
    }
    into[at] += c0;
    into[at + 1] += c1;
    into[at + 2] += c2;
    into[at + 3] += c3;
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

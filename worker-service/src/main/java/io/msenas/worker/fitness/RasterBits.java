package io.msenas.worker.fitness;

import io.msenas.worker.simulation.SpikeRaster;

/** Bulk reads of a {@link SpikeRaster} for the pairwise loops of the fitness functions. */
final class RasterBits {

  private RasterBits() {}

  /** The raster's words, in its layout (sample-major, then step, then word). */
  static long[] copy(SpikeRaster raster) {
    long[] bits = new long[raster.samples() * raster.wordsPerSample()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = raster.word(i);
    }
    return bits;
  }

  /** Spikes of each sample at each step: index {@code b * T + t}. */
  static long[] countsPerSampleStep(SpikeRaster raster, long[] bits) {
    int perStep = raster.wordsPerStep();
    long[] counts = new long[raster.samples() * raster.steps()];
    for (int k = 0; k < counts.length; k++) {
      long c = 0;
      for (int w = k * perStep, end = w + perStep; w < end; w++) {
        c += Long.bitCount(bits[w]);
      }
      counts[k] = c;
    }
    return counts;
  }
}

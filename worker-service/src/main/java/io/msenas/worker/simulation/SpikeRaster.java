package io.msenas.worker.simulation;

/**
 * The spikes of one LIF layer over T steps and B samples, one bit per neuron and step.
 *
 * <p>Layout: sample-major, so that a sample's whole spike history is one contiguous run of words:
 * word {@code (b * T + t) * wordsPerStep + w} holds neurons {@code 64w .. 64w+63} of sample b at
 * step t (bit i = neuron 64w + i, neuron index = position within the sample's NHWC row). Unused
 * high bits of a step's last word are 0. Not thread-safe for writers of the same word.
 */
public final class SpikeRaster {

  private final int samples;
  private final int steps;
  private final int neurons;
  private final int wordsPerStep;
  private final long[] words;

  public SpikeRaster(int samples, int steps, int neurons) {
    this.samples = samples;
    this.steps = steps;
    this.neurons = neurons;
    this.wordsPerStep = (neurons + 63) >>> 6;
    this.words = new long[Math.multiplyExact(Math.multiplyExact(samples, steps), wordsPerStep)];
  }

  public int samples() {
    return samples;
  }

  public int steps() {
    return steps;
  }

  /** Neurons per sample and step. */
  public int neurons() {
    return neurons;
  }

  public int wordsPerStep() {
    return wordsPerStep;
  }

  /** Words of one sample's whole history (T steps). */
  public int wordsPerSample() {
    return wordsPerStep * steps;
  }

  /** The backing words, shared: callers write through {@link #wordIndex}. */
  long[] words() {
    return words;
  }

  /** Read-only view for fitness code. */
  public long word(int index) {
    return words[index];
  }

  /** Index of the first word of sample b at step t. */
  public int wordIndex(int sample, int step) {
    return (sample * steps + step) * wordsPerStep;
  }

  /** Whether neuron n of sample b fired at step t. */
  public boolean spiked(int sample, int step, int neuron) {
    return (words[wordIndex(sample, step) + (neuron >>> 6)] >>> (neuron & 63) & 1L) != 0;
  }

  /** Sets a bit; for tests and reference code. */
  public void set(int sample, int step, int neuron) {
    words[wordIndex(sample, step) + (neuron >>> 6)] |= 1L << (neuron & 63);
  }

  /** Total number of spikes. */
  public long count() {
    long total = 0;
    for (long w : words) {
      total += Long.bitCount(w);
    }
    return total;
  }
}

package io.msenas.worker.simulation;

/**
 * The spikes of one LIF layer over T steps and B samples, one bit per neuron and step.
 *
 * <p>Layout: sample-major, so that a sample's whole spike history is one contiguous run of words:
 * words {@code (b * T + t) * wordsPerStep ..} hold the neurons of sample b at step t (neuron index
 * = position within the sample's NHWC row). Within a step, neurons go to bits in one of two ways:
 *
 * <ul>
 *   <li><b>plain</b>: bit i of word w is neuron 64w + i; unused high bits of the last word are 0;
 *   <li><b>interleaved</b> in blocks of L neurons (L a multiple of 64 that divides the layer): the
 *       block's L / 64 words hold its neurons column-wise, bit i of the block's word w being the
 *       block's neuron {@code i * L / 64 + w}. {@link LifKernel} writes this layout, because it
 *       packs with vectorised loops.
 * </ul>
 *
 * <p>The fitness functions read only counts over whole steps or histories (Hamming distances, spike
 * counts, coincidences), which do not depend on the order of bits within a step; {@link #spiked}
 * and {@link #set} map a neuron to its bit in either layout. Not thread-safe for writers of the
 * same word.
 */
public final class SpikeRaster {

  private final int samples;
  private final int steps;
  private final int neurons;
  private final int wordsPerStep;
  private final int blockNeurons;
  private final long[] words;

  /** A raster in the plain layout. */
  public SpikeRaster(int samples, int steps, int neurons) {
    this(samples, steps, neurons, 0);
  }

  /**
   * A raster in the interleaved layout with blocks of {@code blockNeurons}, or the plain layout
   * where that is 0.
   */
  public SpikeRaster(int samples, int steps, int neurons, int blockNeurons) {
    if (blockNeurons != 0 && (blockNeurons % 64 != 0 || neurons % blockNeurons != 0)) {
      throw new IllegalArgumentException(
          "an interleaved block must be a multiple of 64 neurons dividing the layer's "
              + neurons
              + ", was "
              + blockNeurons);
    }
    this.samples = samples;
    this.steps = steps;
    this.neurons = neurons;
    this.blockNeurons = blockNeurons;
    this.wordsPerStep = (neurons + 63) >>> 6;
    this.words = new long[Math.multiplyExact(Math.multiplyExact(samples, steps), wordsPerStep)];
  }

  /** Neurons per interleaved block; 0 for the plain layout. */
  public int blockNeurons() {
    return blockNeurons;
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
    return (words[wordIndex(sample, step) + wordOf(neuron)] >>> bitOf(neuron) & 1L) != 0;
  }

  /** Sets a bit; for tests and reference code. */
  public void set(int sample, int step, int neuron) {
    words[wordIndex(sample, step) + wordOf(neuron)] |= 1L << bitOf(neuron);
  }

  /** The word within a step that holds {@code neuron}. */
  private int wordOf(int neuron) {
    if (blockNeurons == 0) {
      return neuron >>> 6;
    }
    int blockWords = blockNeurons >>> 6;
    return neuron / blockNeurons * blockWords + neuron % blockNeurons % blockWords;
  }

  private int bitOf(int neuron) {
    return blockNeurons == 0 ? neuron & 63 : neuron % blockNeurons / (blockNeurons >>> 6);
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

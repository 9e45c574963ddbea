package io.msenas.worker.simulation;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Leaky integrate-and-fire dynamics (ALGORITHM section 2) as branch-free loops over float arrays:
 * per step {@code u = u + (I - u) / tau; s = H(u - v_th); u = u * (1 - s)}, where H(0) = 1 (a
 * neuron exactly at the threshold fires). Membranes start at 0 for every sample.
 *
 * <p>Why it is shaped this way: one ND4J op costs 20 microseconds of dispatch and a pass over
 * memory; these layers are memory-bound. So each thread takes a block of a sample's neurons, keeps
 * their membranes in a small local array across all T steps (they never go to main memory), and in
 * the same pass writes the spikes straight into the native tensors the next convolutions read (the
 * full grid, or the two stride-2 grids of a factorized reduce) and packs them into bits for the
 * RDM.
 */
public final class LifKernel {

  /** Upper bound on a block's neurons: local arrays stay in the L1/L2 cache. */
  private static final int BLOCK_ELEMENTS = 8192;

  /** Below this threshold {@link #step}'s margin could be subnormal: the reference loop runs. */
  static final float SMALLEST_FAST_THRESHOLD = 0x1p-100f;

  private LifKernel() {}

  /**
   * The input of a LIF layer: the channel concatenation of its source nodes, all of one height and
   * width.
   */
  public static final class Input {
    private final NodeValue[] sources;
    private final int height;
    private final int width;

    private Input(NodeValue[] sources, int height, int width) {
      this.sources = sources.clone();
      this.height = height;
      this.width = width;
    }

    /**
     * Input from node values already computed.
     *
     * @param sources node values in NHWC layout, T*B rows (or B rows where time-invariant)
     * @param channels channels of each source
     * @param timeInvariant whether each source holds one value per sample for all steps
     * @param height image height shared by all sources
     * @param width image width shared by all sources
     */
    public static Input of(
        float[][] sources, int[] channels, boolean[] timeInvariant, int height, int width) {
      NodeValue[] values = new NodeValue[sources.length];
      for (int j = 0; j < sources.length; j++) {
        values[j] = NodeValue.dense(sources[j], height * width, channels[j], timeInvariant[j]);
      }
      return new Input(values, height, width);
    }

    /** Input from node values computed as the layer reads them. */
    static Input of(NodeValue[] sources, int height, int width) {
      return new Input(sources, height, width);
    }

    int height() {
      return height;
    }

    int width() {
      return width;
    }

    int channelsTotal() {
      int total = 0;
      for (NodeValue source : sources) {
        total += source.channels();
      }
      return total;
    }
  }

  /**
   * Where the spikes go (each may be null): {@code full} [T*B, H, W, C]; {@code even} and {@code
   * odd} [T*B, H/2, W/2, C] hold pixels (2i, 2j) and (2i+1, 2j+1).
   */
  public record Output(FloatBuffer full, FloatBuffer even, FloatBuffer odd) {
    static Output full(FloatBuffer full) {
      return new Output(full, null, null);
    }
  }

  /**
   * Runs the layer over T steps for B samples.
   *
   * @param raster receives every spike as a bit (required: the spike count comes from it); in the
   *     plain layout, or interleaved as {@link #raster} creates it (faster)
   * @return the number of spikes
   */
  public static long run(
      Input input,
      int steps,
      int samples,
      float tau,
      float threshold,
      Output output,
      SpikeRaster raster) {
    return run(input, steps, samples, tau, threshold, output, raster, VectorKernel.AVAILABLE);
  }

  /**
   * {@link #run} with the given vector kernel, or the Java 17 loops where it is null. The vector
   * kernel runs a layer whose blocks pack into whole words of a plain raster ({@link #raster} makes
   * one where the kernel is available); other layers take the loops.
   */
  static long run(
      Input input,
      int steps,
      int samples,
      float tau,
      float threshold,
      Output output,
      SpikeRaster raster,
      VectorKernel vector) {
    int height = input.height();
    int width = input.width();
    int channels = input.channelsTotal();
    int rowElements = width * channels;
    int blockRows = blockRows(height, rowElements);
    // a plain raster is filled too (a slower packing loop); an interleaved one must match the
    // blocks
    if (raster.blockNeurons() != 0 && raster.blockNeurons() != packingBlock(height, rowElements)) {
      throw new IllegalArgumentException(
          "the raster is interleaved in blocks of "
              + raster.blockNeurons()
              + " neurons, this layer's blocks hold "
              + blockRows * rowElements
              + ": create it with LifKernel.raster");
    }
    // the kernel reads and writes floats in the native byte order only, packs whole words of a
    // plain raster, and needs a normal threshold; every block has the same length
    VectorKernel kernel =
        vector != null
                && nativeOrder(output, input)
                && raster.blockNeurons() == 0
                && blockRows * rowElements % 64 == 0
                && threshold >= SMALLEST_FAST_THRESHOLD
            ? vector
            : null;
    VectorKernel.Source plan = kernel == null ? null : vectorPlan(input, kernel.lanes());
    if (kernel == null) {
      // the loops read block-long BatchNorm constants
      for (NodeValue source : input.sources) {
        source.prepare(blockRows * width);
      }
    }
    long[] counts = new long[Parallel.chunksFor(samples)];
    // samples are independent: each chunk owns a range of samples (their membranes and raster
    // words)
    Parallel.forRange(
        samples,
        (chunk, from, to) -> {
          Block block =
              new Block(input, output, blockRows * rowElements, width / 2 * channels, kernel, plan);
          long count = 0;
          for (int b = from; b < to; b++) {
            for (int y0 = 0; y0 < height; y0 += blockRows) {
              count +=
                  block.run(
                      b,
                      y0,
                      Math.min(height, y0 + blockRows),
                      steps,
                      samples,
                      1f / tau,
                      threshold,
                      raster);
            }
          }
          counts[chunk] = count;
        });
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  /** Whether every buffer the layer reads or writes holds its floats in the native byte order. */
  private static boolean nativeOrder(Output output, Input input) {
    java.nio.ByteOrder order = java.nio.ByteOrder.nativeOrder();
    for (FloatBuffer buffer : new FloatBuffer[] {output.full(), output.even(), output.odd()}) {
      if (buffer != null && buffer.order() != order) {
        return false;
      }
    }
    for (NodeValue source : input.sources) {
      if (!source.nativeOrder()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The layer's input as the vector kernel's step reads it, or null where it cannot (the kernel
   * then gathers the block first, {@code Block.gatherVectors}): one source node (a concatenation of
   * nodes interleaves them pixel by pixel), whose channels are a multiple of the vector's lanes and
   * whose terms it reads ({@link NodeValue#vectorTerms}).
   */
  private static VectorKernel.Source vectorPlan(Input input, int lanes) {
    if (input.sources.length != 1) {
      return null;
    }
    NodeValue source = input.sources[0];
    VectorKernel.Term[] terms = source.vectorTerms();
    if (terms == null || source.channels() % lanes != 0) {
      return null;
    }
    return new VectorKernel.Source(source.channels(), terms);
  }

  /**
   * Which kernel runs the LIF layers in this JVM: {@code vector} (the Vector API kernel, {@link
   * VectorKernel}) or {@code loops} (the Java 17 loops).
   */
  public static String kernel() {
    return VectorKernel.AVAILABLE != null ? "vector" : "loops";
  }

  /**
   * Checks system property {@value VectorKernel#PROPERTY} ({@code vector} or {@code scalar}, unset:
   * vector where it can run).
   *
   * @throws IllegalArgumentException naming the property and its value for anything else
   */
  public static void checkKernelProperty() {
    VectorKernel.Loader.choice(System.getProperty(VectorKernel.PROPERTY));
  }

  /**
   * A raster in the layout {@link #run} writes for a layer of this shape: plain where the vector
   * kernel runs; for the Java 17 loops, interleaved in the kernel's blocks where they are whole
   * words, else plain.
   */
  public static SpikeRaster raster(int samples, int steps, int height, int width, int channels) {
    return raster(samples, steps, height, width, channels, VectorKernel.AVAILABLE);
  }

  /** {@link #raster} for the given kernel: the vector kernel packs the plain layout. */
  static SpikeRaster raster(
      int samples, int steps, int height, int width, int channels, VectorKernel vector) {
    int neurons = height * width * channels;
    return vector != null
        ? new SpikeRaster(samples, steps, neurons)
        : new SpikeRaster(samples, steps, neurons, packingBlock(height, width * channels));
  }

  /** Neurons per interleaved block of a layer's raster, or 0 for the plain layout. */
  static int packingBlock(int height, int rowElements) {
    int block = blockRows(height, rowElements) * rowElements;
    return block % 64 == 0 ? block : 0;
  }

  /**
   * Image rows per block: as many as fit {@link #BLOCK_ELEMENTS}, with a multiple of 64 neurons so
   * that each block packs into whole words; the whole image where no such split exists.
   */
  static int blockRows(int height, int rowElements) {
    int best = height;
    for (int rows = 1; rows < height; rows++) {
      if (height % rows == 0
          && rows * rowElements <= BLOCK_ELEMENTS
          && (rows * rowElements) % 64 == 0) {
        best = rows;
      }
    }
    return best;
  }

  /** Each thread's native block for {@code Block#spikeBlock}, kept: a direct buffer is costly. */
  private static final ThreadLocal<FloatBuffer> SPIKE_BLOCKS = new ThreadLocal<>();

  /**
   * The thread's native block of at least {@code elements} floats (read and written at absolute
   * indices only, so one buffer object serves every layer the thread runs).
   */
  private static FloatBuffer spikeBlock(int elements) {
    FloatBuffer block = SPIKE_BLOCKS.get();
    if (block == null || block.capacity() < elements) {
      block =
          java.nio.ByteBuffer.allocateDirect(Math.max(elements, BLOCK_ELEMENTS) * Float.BYTES)
              .order(java.nio.ByteOrder.nativeOrder())
              .asFloatBuffer();
      SPIKE_BLOCKS.set(block);
    }
    return block;
  }

  /** One thread's working set. */
  private static final class Block {
    private final Input input;
    private final FloatBuffer full;
    private final FloatBuffer even;
    private final FloatBuffer odd;
    private final float[] membrane;
    private final float[] spikes;
    private final float[] subsampled;
    private final float[] current;
    private final float[] packRow;
    private final float[] packSums;
    private final float[] part;
    private final FloatBuffer spikeBlock;
    private final NodeValue.Scratch scratch = new NodeValue.Scratch();
    private final VectorKernel vector;
    private final VectorKernel.Source plan;

    Block(
        Input input,
        Output output,
        int elements,
        int subsampledRow,
        VectorKernel vector,
        VectorKernel.Source plan) {
      this.input = input;
      this.vector = vector;
      this.plan = plan;
      // duplicates: each thread gets its own buffer object over the same native memory
      this.full = output.full() == null ? null : output.full().duplicate();
      this.even = output.even() == null ? null : output.even().duplicate();
      this.odd = output.odd() == null ? null : output.odd().duplicate();
      this.membrane = new float[elements];
      // the loops' arrays: the vector kernel writes spikes and bits to native memory and packs
      // from its masks
      boolean loops = vector == null;
      this.spikes = loops ? new float[elements] : null;
      this.subsampled = loops ? new float[subsampledRow] : null;
      this.current = new float[elements];
      this.packRow = loops ? new float[elements >>> 4] : null;
      this.packSums = loops ? new float[elements >>> 4] : null;
      this.part = loops && input.sources.length > 1 ? new float[elements] : null;
      // the vector kernel writes a block's spikes to native memory only: where the layer has no
      // full grid, to a block of the thread's own, which its stride-2 grids are taken from
      this.spikeBlock = vector != null && full == null ? spikeBlock(elements) : null;
    }

    /** Image rows [y0, y1) of sample b, all steps; returns the spike count. */
    long run(
        int b,
        int y0,
        int y1,
        int steps,
        int samples,
        float decay,
        float threshold,
        SpikeRaster raster) {
      int height = input.height();
      int width = input.width();
      int channels = input.channelsTotal();
      int length = (y1 - y0) * width * channels;
      int neuronOffset = y0 * width * channels;
      Arrays.fill(membrane, 0, length, 0f);
      long count = 0;
      boolean subsampled = even != null || odd != null;
      for (int t = 0; t < steps; t++) {
        int row = t * samples + b;
        int fullOffset = row * height * width * channels + neuronOffset;
        int wordBase = raster.wordIndex(b, t) + (neuronOffset >>> 6);
        if (vector != null) {
          // the kernel computes the input from the node's terms, or reads the block it gathered
          if (plan == null) {
            gatherVectors(row, b, y0, y1);
          }
          count +=
              vector.step(
                  plan,
                  row,
                  b,
                  y0 * width,
                  current,
                  membrane,
                  full != null ? full : spikeBlock,
                  full != null ? fullOffset : 0,
                  raster.words(),
                  wordBase,
                  length,
                  decay,
                  threshold);
        } else {
          integrate(row, b, y0, y1, decay, threshold, length);
          if (full != null) {
            full.put(fullOffset, spikes, 0, length);
          }
          count +=
              raster.blockNeurons() == 0
                  ? LifKernel.pack(spikes, 0, length, raster.words(), wordBase)
                  : LifKernel.packInterleaved(
                      spikes, length, raster.words(), wordBase, packRow, packSums);
        }
        if (subsampled) {
          subsample(row, y0, y1, fullOffset);
        }
      }
      return count;
    }

    private void integrate(
        int row, int sample, int y0, int y1, float decay, float threshold, int length) {
      gather(row, sample, y0, y1);
      LifKernel.step(current, membrane, spikes, length, decay, threshold);
    }

    /**
     * Computes the block's input currents into {@link #current}, channels concatenated: the step
     * loop then reads every array at the same index, the shape the JIT vectorises.
     */
    private void gather(int row, int sample, int y0, int y1) {
      NodeValue[] sources = input.sources;
      int width = input.width();
      int first = y0 * width;
      int positions = (y1 - y0) * width;
      if (sources.length == 1) {
        sources[0].read(row, sample, first, positions, current, scratch, 0);
        return;
      }
      int total = input.channelsTotal();
      int offset = 0;
      for (NodeValue source : sources) {
        int cj = source.channels();
        source.read(row, sample, first, positions, part, scratch, 0);
        // one bulk copy per pixel: about 3 times faster than an element loop at 16 channels
        for (int p = 0; p < positions; p++) {
          System.arraycopy(part, p * cj, current, p * total + offset, cj);
        }
        offset += cj;
      }
    }

    /**
     * {@link #gather} through the vector kernel: each source's values go straight to their channels
     * of {@link #current}.
     */
    private void gatherVectors(int row, int sample, int y0, int y1) {
      int first = y0 * input.width();
      int positions = (y1 - y0) * input.width();
      int total = input.channelsTotal();
      int offset = 0;
      for (NodeValue source : input.sources) {
        source.read(vector, row, sample, first, positions, current, offset, total, scratch, 0);
        offset += source.channels();
      }
    }

    /**
     * Copies pixels (2i, 2j) to {@code even} and (2i+1, 2j+1) to {@code odd}: from the block's
     * spikes, which the vector kernel wrote to the full grid (from {@code fullOffset}) or to {@link
     * #spikeBlock}, the loops to {@link #spikes}.
     */
    private void subsample(int row, int y0, int y1, int fullOffset) {
      int width = input.width();
      int half = width / 2;
      int channels = input.channelsTotal();
      int halfHeight = input.height() / 2;
      for (int y = y0; y < y1; y++) {
        FloatBuffer target = y % 2 == 0 ? even : odd;
        if (target == null || y / 2 >= halfHeight) {
          continue;
        }
        int phase = y % 2;
        int rowStart = (y - y0) * width;
        int targetIndex = ((row * halfHeight) + y / 2) * half * channels;
        if (vector != null) {
          vector.scatter(
              full != null ? full : spikeBlock,
              (full != null ? fullOffset : 0) + (rowStart + phase) * channels,
              2 * channels,
              channels,
              half,
              target,
              targetIndex);
          continue;
        }
        for (int x = 0; x < half; x++) {
          System.arraycopy(
              spikes, (rowStart + 2 * x + phase) * channels, subsampled, x * channels, channels);
        }
        target.put(targetIndex, subsampled, 0, half * channels);
      }
    }
  }

  /**
   * One step of {@code length} neurons: {@code u = u + (I - u) * decay; s = H(u - threshold); u = u
   * (1 - s)}, with H(0) = 1.
   *
   * <p>Written so that C2 on JDK 17 vectorises it (about 7 times faster than the scalar loop on
   * these machines): every array is read at the same index, and the step function is computed with
   * add, abs and divide, which vectorise, instead of a comparison or {@code Math.copySign}, which
   * do not. It is exact: for float v and a normal threshold, {@code d = v - threshold} is either 0
   * or at least {@code ulp(threshold) / 2} in magnitude (Sterbenz: the subtraction is exact for v
   * in [threshold / 2, 2 threshold], and outside that range |d| >= threshold / 2). So {@code e = d
   * + ulp(threshold) / 4} is never 0 and has the sign of H's answer, and {@code (e + |e|) / (2
   * |e|)} is exactly 1 or exactly +0. Thresholds too small for that margin take the reference loop.
   */
  static void step(
      float[] current, float[] membrane, float[] spikes, int length, float decay, float threshold) {
    if (threshold < SMALLEST_FAST_THRESHOLD) {
      referenceStep(current, membrane, spikes, length, decay, threshold);
      return;
    }
    float margin = Math.ulp(threshold) / 4f;
    for (int i = 0; i < length; i++) {
      float v = membrane[i] + (current[i] - membrane[i]) * decay;
      float e = (v - threshold) + margin;
      float spike = (e + Math.abs(e)) / (2f * Math.abs(e));
      // v * (1 - s), not v - v * s: the same values (s is 0 or 1), and only this form vectorises
      membrane[i] = v * (1f - spike);
      spikes[i] = spike;
    }
  }

  /** The step with a branch-free H: the definition {@link #step} must match bit for bit. */
  static void referenceStep(
      float[] current, float[] membrane, float[] spikes, int length, float decay, float threshold) {
    for (int i = 0; i < length; i++) {
      float v = membrane[i] + (current[i] - membrane[i]) * decay;
      // H(v - th): copySign gives +0.5 for v - th >= +0, -0.5 below
      float spike = Math.copySign(0.5f, v - threshold) + 0.5f;
      membrane[i] = v - v * spike;
      spikes[i] = spike;
    }
  }

  /**
   * Packs {@code length} 0/1 floats (a multiple of 64) into {@code length / 64} words from {@code
   * wordBase} in {@link SpikeRaster}'s interleaved layout: bit i of word w is {@code spikes[i *
   * length / 64 + w]}. Returns the number of ones.
   *
   * <p>Vectorised where the plain layout cannot be: each 16-bit quarter of the words is summed as
   * floats, {@code sums[w] += row[w] * 2^i} over 16 rows of the block (exact: distinct powers of
   * two below 2^16), then converted once per quarter and word. The four quarters are summed side by
   * side, so that each vector loop runs over {@code length / 16} floats: a loop over a single row
   * ({@code length / 64}, 128 floats in a full block) is too short for C2's unrolled AVX-512 loop
   * and ran mostly scalar (0.27 against 0.18 ns per neuron, one thread, in cache). {@code row} and
   * {@code sums} are scratch arrays of at least {@code length / 16} floats.
   */
  static int packInterleaved(
      float[] spikes, int length, long[] words, int wordBase, float[] row, float[] sums) {
    int blockWords = length >>> 6;
    int quarters = 4 * blockWords;
    Arrays.fill(sums, 0, quarters, 0f);
    for (int i = 0; i < 16; i++) {
      // row i of each quarter, side by side at index 0, where the sums are: C2 (JDK 17)
      // vectorises a loop only when all its arrays are read at the same offset
      for (int quarter = 0; quarter < 4; quarter++) {
        System.arraycopy(
            spikes, (quarter * 16 + i) * blockWords, row, quarter * blockWords, blockWords);
      }
      float weight = 1 << i;
      for (int k = 0; k < quarters; k++) {
        sums[k] += row[k] * weight;
      }
    }
    int count = 0;
    for (int w = 0; w < blockWords; w++) {
      long word =
          (long) (int) sums[w]
              | (long) (int) sums[blockWords + w] << 16
              | (long) (int) sums[2 * blockWords + w] << 32
              | (long) (int) sums[3 * blockWords + w] << 48;
      words[wordBase + w] = word;
      count += Long.bitCount(word);
    }
    return count;
  }

  /**
   * Packs {@code length} 0/1 floats into words from {@code wordBase}; returns the number of ones.
   * Reads bit 29 of each float's bits (set in 1.0f, clear in 0.0f), four floats per step.
   */
  static int pack(float[] spikes, int base, int length, long[] words, int wordBase) {
    int count = 0;
    int fullWords = length >>> 6;
    for (int w = 0; w < fullWords; w++) {
      long word = 0;
      int start = base + (w << 6);
      for (int i = 0; i < 64; i += 4) {
        long nibble =
            (Float.floatToRawIntBits(spikes[start + i]) >>> 29 & 1)
                | (Float.floatToRawIntBits(spikes[start + i + 1]) >>> 28 & 2)
                | (Float.floatToRawIntBits(spikes[start + i + 2]) >>> 27 & 4)
                | (Float.floatToRawIntBits(spikes[start + i + 3]) >>> 26 & 8);
        word |= nibble << i;
      }
      words[wordBase + w] = word;
      count += Long.bitCount(word);
    }
    int rest = length & 63;
    if (rest != 0) {
      long word = 0;
      int start = base + (fullWords << 6);
      for (int i = 0; i < rest; i++) {
        word |= (long) (Float.floatToRawIntBits(spikes[start + i]) >>> 29 & 1) << i;
      }
      words[wordBase + fullWords] = word;
      count += Long.bitCount(word);
    }
    return count;
  }
}

package io.msenas.worker.simulation;

import io.msenas.worker.network.Phenotype.Clamp;
import java.nio.FloatBuffer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's memory-bound loops written with the Vector API: a LIF layer's step, the reading
 * of its input nodes, and BatchNorm's sums. The same arithmetic as {@link LifKernel#step}, {@link
 * NodeValue#read} and {@link BatchNormKernel#statistics}, bit for bit, but reading the convolution
 * outputs and writing the spikes in native memory directly and packing the bits from the comparison
 * masks, where the Java 17 loops copy every block in and out and pack with float sums.
 *
 * <p>The implementation ({@code VectorApiKernel}, in {@code src/main/java25}) needs Java 25 and the
 * incubating module {@code jdk.incubator.vector}: it is compiled when Maven runs on JDK 25 or
 * later, and used when the JVM runs with {@code --add-modules jdk.incubator.vector} (the launchers
 * pass it, {@code scripts/java-runtime}). Elsewhere {@link #AVAILABLE} is null and the Java 17
 * loops run. {@code -Dmsenas.simulation.lif=scalar} turns it off; the scores are the same either
 * way (the rasters' bit order differs, which no fitness function can see).
 *
 * <p>Element-wise operations only, each element's in the loops' order: no sum is reassociated, so
 * the vector width does not change a bit.
 */
interface VectorKernel {

  /**
   * The system property that chooses the LIF kernel: {@code vector} (default) or {@code scalar}.
   */
  String PROPERTY = "msenas.simulation.lif";

  /** The vector kernel where this build has it and this JVM can run it, else null. */
  VectorKernel AVAILABLE = Loader.load();

  /**
   * One write into a source node, as the kernel reads it: a convolution output ({@code data}, NHWC,
   * T*B rows of {@code pixels} positions) normalised as {@code clamp(x * scale + shift)}, or values
   * as they are ({@code values}, one row per sample where {@code timeInvariant}). Every term covers
   * all the node's channels; the first overwrites, each later one overwrites or adds.
   *
   * @param clampSign 1 for an excitatory clamp ({@code max(y, 0)}), -1 for an inhibitory one, 0 for
   *     none
   * @param scale the scale of each channel ({@code shift} likewise)
   */
  record Term(
      FloatBuffer data,
      float[] values,
      int pixels,
      boolean timeInvariant,
      float[] scale,
      float[] shift,
      int clampSign,
      boolean overwrite) {}

  /** The layer's one source node: its channels and the terms written into it, in order. */
  record Source(int channels, Term[] terms) {}

  /**
   * One step of a block of {@code length} neurons (a multiple of 64) from pixel {@code firstPixel}:
   * {@code u = u + (I - u) * decay; s = H(u - threshold); u = u (1 - s)}. The input I is computed
   * from {@code source}'s terms for row {@code row} (sample {@code sample}), using {@code
   * current[0, length)} as scratch, or read from {@code current[0, length)} where {@code source} is
   * null. The spikes go to {@code spikes[spikesOffset, spikesOffset + length)} (native memory: the
   * tensor the next convolutions read, or a block the stride-2 grids are taken from) and into
   * {@code words[wordBase, wordBase + length / 64)} in the plain layout ({@link SpikeRaster}).
   * Returns the number of spikes.
   */
  long step(
      Source source,
      int row,
      int sample,
      int firstPixel,
      float[] current,
      float[] membrane,
      FloatBuffer spikes,
      int spikesOffset,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold);

  /** Floats per vector: the fused step reads sources whose channels are a multiple of it. */
  int lanes();

  /**
   * Writes or adds a convolution output's normalised, clamped values into a strided block: for each
   * position p below {@code positions} and channel k below {@code channels}, {@code dest[destOffset
   * + p * destStride + k] (+)= clamp(x * scale[k] + shift[k])} with {@code x = data[first + p *
   * channels + k]}, as {@link BatchNormKernel#normalise} computes it. {@code accumulate} adds
   * instead of writing.
   *
   * @param clampSign 1 for an excitatory clamp, -1 for an inhibitory one, 0 for none
   */
  void normalise(
      FloatBuffer data,
      int first,
      float[] scale,
      float[] shift,
      int clampSign,
      int channels,
      int positions,
      float[] dest,
      int destOffset,
      int destStride,
      boolean accumulate);

  /**
   * Copies or adds {@code positions} runs of {@code channels} floats from {@code src[from + p *
   * channels]} to {@code dest[destOffset + p * destStride]}.
   */
  void place(
      float[] src,
      int from,
      int channels,
      int positions,
      float[] dest,
      int destOffset,
      int destStride,
      boolean accumulate);

  /**
   * Copies {@code pixels} runs of {@code channels} floats, {@code src[from + x * srcStride]}, to
   * {@code target} packed from {@code targetIndex}: a stride-2 grid of spikes (both buffers
   * native).
   */
  void scatter(
      FloatBuffer src,
      int from,
      int srcStride,
      int channels,
      int pixels,
      FloatBuffer target,
      int targetIndex);

  /**
   * BatchNorm's tile sums ({@link BatchNormKernel#statistics}): for each whole tile of {@code tile}
   * floats from {@code data[first]} within {@code length}, {@code sum[j] += v} and {@code
   * squares[j] += v * v} for its j-th value v. Returns the floats consumed (whole tiles; 0 where it
   * leaves the tiles to the loops).
   */
  int sumTiles(FloatBuffer data, int first, int length, int tile, float[] sum, float[] squares);

  /**
   * BatchNorm's block totals ({@link BatchNormKernel#statistics}): for channels c from 0 up to the
   * returned count, {@code sums[c] += (double) sum[base + c]} for base = 0, channels, ... below
   * {@code tile}, in that order, and the same for the squares. The loops add the channels from the
   * returned count on.
   */
  int addTiles(
      float[] sum, float[] squares, int tile, int channels, double[] sums, double[] totalSquares);

  /** Loads the Java 25 implementation where it can run. */
  final class Loader {
    private static final Logger log = LoggerFactory.getLogger(VectorKernel.class);

    private Loader() {}

    /**
     * The kernel the property asks for: {@code vector} (also when unset) or {@code scalar}.
     *
     * @throws IllegalArgumentException naming the property and its value for anything else
     */
    static String choice(String property) {
      String choice = property == null ? "vector" : property.trim().toLowerCase(Locale.ROOT);
      if (!choice.equals("vector") && !choice.equals("scalar")) {
        throw new IllegalArgumentException(
            PROPERTY + " must be vector or scalar, was '" + property + "'");
      }
      return choice;
    }

    static VectorKernel load() {
      String choice;
      try {
        choice = choice(System.getProperty(PROPERTY));
      } catch (IllegalArgumentException e) {
        // a worker refuses to start with it (WorkerConfiguration); elsewhere, say so and go on
        log.warn("LIF layers: Java loops ({})", e.getMessage());
        return null;
      }
      if (choice.equals("scalar")) {
        log.info("LIF layers: Java loops (-D{}=scalar)", PROPERTY);
        return null;
      }
      if (Runtime.version().feature() < 25) {
        log.info(
            "LIF layers: Java loops (the vector kernel needs Java 25 or later, this is {})",
            Runtime.version().feature());
        return null;
      }
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        log.info(
            "LIF layers: Java loops (start the JVM with --add-modules jdk.incubator.vector for the"
                + " vector kernel; the launchers do, scripts/java-runtime)");
        return null;
      }
      try {
        VectorKernel step =
            (VectorKernel)
                Class.forName("io.msenas.worker.simulation.VectorApiKernel")
                    .getDeclaredConstructor()
                    .newInstance();
        String problem = selfCheck(step);
        if (problem != null) {
          log.warn("LIF layers: Java loops (the vector kernel failed its check: {})", problem);
          return null;
        }
        log.info("LIF layers: the vector kernel ({})", step);
        return step;
      } catch (ClassNotFoundException e) {
        log.info(
            "LIF layers: Java loops (this build has no vector kernel: it is compiled when Maven runs"
                + " on JDK 25 or later)");
        return null;
      } catch (ReflectiveOperationException | LinkageError e) {
        log.warn("LIF layers: Java loops (the vector kernel did not load: {})", e.toString());
        return null;
      }
    }

    /**
     * Runs one step of 128 neurons through the kernel and through {@link LifKernel#step}: null
     * where they agree bit for bit, else what differs. Catches a kernel compiled against another
     * version of this interface (a class left from an earlier build fails only when called) and one
     * that computes differently, before any evaluation uses it.
     */
    static String selfCheck(VectorKernel step) {
      int length = 128;
      float[] current = new float[length];
      for (int i = 0; i < length; i++) {
        current[i] = (i * 37 % 101) / 50f - 0.3f; // -0.3 .. 1.7, across the threshold
      }
      try {
        int differs = firstDifferingStep(step, null, current, current, 1f);
        if (differs >= 0) {
          return "its spikes differ from the Java 17 loops' at step " + differs;
        }
        return checkReads(step, current);
      } catch (RuntimeException | LinkageError e) {
        return e.toString();
      }
    }

    /**
     * {@link #selfCheck} of the operations that read nodes and sum for BatchNorm, on 4 positions of
     * 32 channels: normalised into floats [8, 40) of every 80 and added to, copied into [48, 80)
     * and added to again, normalised as one contiguous run, stepped from two terms (the second
     * added in the step's loop), two tiles of 64 summed and added up as 16 channels, and a stride-2
     * grid of two pixels.
     */
    private static String checkReads(VectorKernel step, float[] values) {
      FloatBuffer data = direct(values.length).put(0, values);
      float[] scale = new float[32];
      float[] shift = new float[32];
      for (int k = 0; k < 32; k++) {
        scale[k] = 0.5f + k % 7 / 8f;
        shift[k] = k % 5 / 4f - 0.6f;
      }
      BatchNormKernel.Affine affine = new BatchNormKernel.Affine(scale, shift);
      float[] repeatedScale = affine.repeatedScale(values.length);
      float[] repeatedShift = affine.repeatedShift(values.length);
      float[] excitatory = new float[values.length];
      float[] inhibitory = new float[values.length];
      BatchNormKernel.normalise(
          values, excitatory, values.length, repeatedScale, repeatedShift, Clamp.EXCITATORY, false);
      BatchNormKernel.normalise(
          values, inhibitory, values.length, repeatedScale, repeatedShift, Clamp.INHIBITORY, false);

      float[] dest = new float[4 * 80];
      float[] expected = new float[dest.length];
      java.util.Arrays.fill(dest, 0.25f);
      java.util.Arrays.fill(expected, 0.25f);
      step.normalise(data, 0, scale, shift, 1, 32, 4, dest, 8, 80, true);
      step.place(values, 0, 32, 4, dest, 48, 80, false);
      step.place(excitatory, 0, 32, 4, dest, 48, 80, true);
      for (int p = 0; p < 4; p++) {
        for (int k = 0; k < 32; k++) {
          expected[p * 80 + 8 + k] += excitatory[p * 32 + k];
          expected[p * 80 + 48 + k] = values[p * 32 + k] + excitatory[p * 32 + k];
        }
      }
      float[] run = new float[values.length];
      step.normalise(data, 0, scale, shift, -1, 32, 4, run, 0, 32, false);
      if (!java.util.Arrays.equals(dest, expected) || !java.util.Arrays.equals(run, inhibitory)) {
        return "its node reads differ from the Java 17 loops'";
      }

      Term first = new Term(data, null, 4, false, scale, shift, 1, true);
      Term second = new Term(data, null, 4, false, scale, shift, -1, false);
      float[] expectedCurrent = new float[values.length];
      for (int k = 0; k < values.length; k++) {
        expectedCurrent[k] = excitatory[k] + inhibitory[k];
      }
      // a single term, read in the step's own loop; two, the second added in it
      float[] scratch = new float[values.length];
      int differs =
          firstDifferingStep(step, new Source(32, new Term[] {first}), scratch, excitatory, 0.2f);
      if (differs >= 0) {
        return "its steps from a convolution term differ from the Java 17 loops' at step "
            + differs;
      }
      differs =
          firstDifferingStep(
              step, new Source(32, new Term[] {first, second}), scratch, expectedCurrent, 0.2f);
      if (differs >= 0) {
        return "its steps from a node's terms differ from the Java 17 loops' at step " + differs;
      }

      float[] sum = new float[64];
      float[] squares = new float[64];
      int consumed = step.sumTiles(data, 0, values.length, 64, sum, squares);
      if (consumed != 128) {
        return "its BatchNorm sums took " + consumed + " of 128 floats";
      }
      for (int j = 0; j < 64; j++) {
        float a = values[j];
        float b = values[64 + j];
        if (sum[j] != 0f + a + b || squares[j] != 0f + a * a + b * b) {
          return "its BatchNorm sums differ from the Java 17 loops'";
        }
      }

      double[] totals = new double[16];
      double[] totalSquares = new double[16];
      for (int c = 0; c < 16; c++) {
        totals[c] = c * 0.75 - 3;
        totalSquares[c] = c * 1.5;
      }
      double[] expectedTotals = totals.clone();
      double[] expectedSquares = totalSquares.clone();
      int added = step.addTiles(sum, squares, 64, 16, totals, totalSquares);
      for (int base = 0; base < 64; base += 16) {
        for (int c = added; c < 16; c++) {
          totals[c] += sum[base + c];
          totalSquares[c] += squares[base + c];
        }
        for (int c = 0; c < 16; c++) {
          expectedTotals[c] += sum[base + c];
          expectedSquares[c] += squares[base + c];
        }
      }
      if (!java.util.Arrays.equals(totals, expectedTotals)
          || !java.util.Arrays.equals(totalSquares, expectedSquares)) {
        return "its BatchNorm totals differ from the Java 17 loops'";
      }

      FloatBuffer grid = direct(64);
      step.scatter(data, 16, 64, 32, 2, grid, 0);
      for (int k = 0; k < 64; k++) {
        if (grid.get(k) != values[16 + k / 32 * 64 + k % 32]) {
          return "its stride-2 grids differ from the Java 17 loops'";
        }
      }
      return null;
    }

    /**
     * Three steps of {@code current.length} neurons (at most 128: two words) from {@code source}
     * (or from {@code current} where it is null) with decay 0.5: the first step at which the
     * kernel's membranes, spikes or bits differ from {@link LifKernel#step}'s from {@code
     * expectedCurrent}, or -1.
     */
    private static int firstDifferingStep(
        VectorKernel step,
        Source source,
        float[] current,
        float[] expectedCurrent,
        float threshold) {
      int length = current.length;
      float[] membrane = new float[length];
      float[] spikes = new float[length];
      float[] expectedMembrane = new float[length];
      float[] expectedSpikes = new float[length];
      long[] words = new long[2];
      long[] expectedWords = new long[2];
      FloatBuffer out = direct(length);
      for (int t = 0; t < 3; t++) {
        step.step(source, 0, 0, 0, current, membrane, out, 0, words, 0, length, 0.5f, threshold);
        out.get(0, spikes);
        LifKernel.step(expectedCurrent, expectedMembrane, expectedSpikes, length, 0.5f, threshold);
        LifKernel.pack(expectedSpikes, 0, length, expectedWords, 0);
        if (!java.util.Arrays.equals(membrane, expectedMembrane)
            || !java.util.Arrays.equals(spikes, expectedSpikes)
            || !java.util.Arrays.equals(words, expectedWords)) {
          return t;
        }
      }
      return -1;
    }

    private static FloatBuffer direct(int floats) {
      return java.nio.ByteBuffer.allocateDirect(floats * Float.BYTES)
          .order(java.nio.ByteOrder.nativeOrder())
          .asFloatBuffer();
    }
  }
}

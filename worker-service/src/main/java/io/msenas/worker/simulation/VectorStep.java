package io.msenas.worker.simulation;

import java.nio.FloatBuffer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LIF step of a block, written with the Vector API: the same arithmetic as {@link
 * LifKernel#step} and {@link BatchNormKernel#normalise}, bit for bit, but reading the convolution
 * output and writing the spikes in native memory directly and packing the bits from the comparison
 * masks, where the Java 17 loops copy every block in and out and pack with float sums.
 *
 * <p>The implementation ({@code VectorLifStep}, in {@code src/main/java25}) needs Java 25 and the
 * incubating module {@code jdk.incubator.vector}: it is compiled when Maven runs on JDK 25 or
 * later, and used when the JVM runs with {@code --add-modules jdk.incubator.vector} (the launchers
 * pass it, {@code scripts/java-runtime}). Elsewhere {@link #AVAILABLE} is null and the Java 17
 * loops run. {@code -Dmsenas.simulation.lif=scalar} turns it off; the scores are the same either
 * way (the rasters' bit order differs, which no fitness function can see).
 */
interface VectorStep {

  /**
   * The system property that chooses the LIF kernel: {@code vector} (default) or {@code scalar}.
   */
  String PROPERTY = "msenas.simulation.lif";

  /** The vector kernel where this build has it and this JVM can run it, else null. */
  VectorStep AVAILABLE = Loader.load();

  /**
   * One write into a source node, as the kernel reads it: a convolution output ({@code data}, NHWC,
   * T*B rows of {@code pixels} positions) normalised as {@code clamp(x * scale + shift)}, or values
   * as they are ({@code values}, one row per sample where {@code timeInvariant}). Every term covers
   * all the node's channels; the first overwrites, each later one overwrites or adds.
   *
   * @param clampSign 1 for an excitatory clamp ({@code max(y, 0)}), -1 for an inhibitory one, 0 for
   *     none
   * @param scale the scales repeated over a block (index = position in block * channels + channel)
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
   * from {@code source}'s terms for row {@code row} (sample {@code sample}), or read from {@code
   * current[0, length)} where {@code source} is null. The spikes go to {@code full[fullOffset,
   * ...)} and {@code spikes[0, length)} where those are not null, and into {@code words[wordBase,
   * wordBase + length / 64)} in the plain layout ({@link SpikeRaster}). Returns the number of
   * spikes.
   */
  long step(
      Source source,
      int row,
      int sample,
      int firstPixel,
      float[] current,
      float[] membrane,
      FloatBuffer full,
      int fullOffset,
      float[] spikes,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold);

  /** Floats per vector: every source's channel count must be a multiple of it. */
  int lanes();

  /** Loads the Java 25 implementation where it can run. */
  final class Loader {
    private static final Logger log = LoggerFactory.getLogger(VectorStep.class);

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

    static VectorStep load() {
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
        VectorStep step =
            (VectorStep)
                Class.forName("io.msenas.worker.simulation.VectorLifStep")
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
    static String selfCheck(VectorStep step) {
      int length = 128;
      float[] current = new float[length];
      for (int i = 0; i < length; i++) {
        current[i] = (i * 37 % 101) / 50f - 0.3f; // -0.3 .. 1.7, across the threshold
      }
      float[] membrane = new float[length];
      float[] expectedMembrane = new float[length];
      float[] expectedSpikes = new float[length];
      float[] spikes = new float[length];
      long[] words = new long[2];
      long[] expectedWords = new long[2];
      try {
        for (int t = 0; t < 3; t++) {
          step.step(null, 0, 0, 0, current, membrane, null, 0, spikes, words, 0, length, 0.5f, 1f);
          LifKernel.step(current, expectedMembrane, expectedSpikes, length, 0.5f, 1f);
          LifKernel.pack(expectedSpikes, 0, length, expectedWords, 0);
          if (!java.util.Arrays.equals(spikes, expectedSpikes)
              || !java.util.Arrays.equals(membrane, expectedMembrane)
              || !java.util.Arrays.equals(words, expectedWords)) {
            return "its spikes differ from the Java 17 loops' at step " + t;
          }
        }
        return null;
      } catch (RuntimeException | LinkageError e) {
        return e.toString();
      }
    }
  }
}

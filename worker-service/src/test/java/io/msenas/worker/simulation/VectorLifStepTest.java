package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.msenas.worker.network.Phenotype.Clamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The LIF layers' vector kernel ({@link VectorStep}) against the Java 17 loops: the same spikes in
 * every output, the same counts and the same raster bits, for every kind of input a layer reads.
 * Runs where the build has the kernel and the JVM can run it (Maven on JDK 25, profile {@code
 * vector-lif}); elsewhere it is skipped, and the loops are all there is.
 */
class VectorLifStepTest {

  private static final float THRESHOLD = 0.5f;
  private static final int SAMPLES = 5;
  private static final int STEPS = 3;

  /** What a {@link Wrapper} does with a step. */
  private enum Mode {
    /** passes it to the available kernel */
    DELEGATE,
    /** never fires: a kernel that computes differently */
    SILENT,
    /** throws: a kernel compiled against another version of the interface */
    STALE
  }

  /**
   * A kernel around the available one that counts its calls (a test that never reached the kernel
   * would prove nothing), or one that is wrong in the way its {@link Mode} says.
   */
  private static final class Wrapper implements VectorStep {
    final Mode mode;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger planned = new AtomicInteger();

    Wrapper(Mode mode) {
      this.mode = mode;
    }

    @Override
    public long step(
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
        float threshold) {
      calls.incrementAndGet();
      if (source != null) {
        planned.incrementAndGet();
      }
      switch (mode) {
        case SILENT -> {
          java.util.Arrays.fill(spikes, 0, length, 0f);
          return 0;
        }
        case STALE -> throw new AbstractMethodError("VectorLifStep.step");
        default -> {
          return VectorStep.AVAILABLE.step(
              source,
              row,
              sample,
              firstPixel,
              current,
              membrane,
              full,
              fullOffset,
              spikes,
              words,
              wordBase,
              length,
              decay,
              threshold);
        }
      }
    }

    @Override
    public int lanes() {
      return mode == Mode.DELEGATE ? VectorStep.AVAILABLE.lanes() : 8;
    }
  }

  @Test
  void theLoadedKernelPassesItsSelfCheck() {
    assumeTrue(VectorStep.AVAILABLE != null, "this build or JVM has no vector kernel");
    assertThat(VectorStep.Loader.selfCheck(VectorStep.AVAILABLE)).isNull();
  }

  @Test
  void aKernelThatDiffersOrCannotRunFailsTheSelfCheck() {
    VectorStep silent = new Wrapper(Mode.SILENT);
    VectorStep stale = new Wrapper(Mode.STALE);

    assertThat(VectorStep.Loader.selfCheck(silent)).contains("differ");
    assertThat(VectorStep.Loader.selfCheck(stale)).contains("AbstractMethodError");
  }

  @Test
  void buffersInAnotherByteOrderAreLeftToTheLoops() {
    assumeTrue(VectorStep.AVAILABLE != null, "this build or JVM has no vector kernel");
    NodeValue value = single(conv(new SplittableRandom(3), 8, 8, 16, Clamp.NONE), 64, 16);
    LifKernel.Input input = LifKernel.Input.of(new NodeValue[] {value}, 8, 8);
    java.nio.ByteOrder other =
        java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN
            ? java.nio.ByteOrder.LITTLE_ENDIAN
            : java.nio.ByteOrder.BIG_ENDIAN;
    int floats = STEPS * SAMPLES * 8 * 8 * 16;
    FloatBuffer swapped =
        ByteBuffer.allocateDirect(floats * Float.BYTES).order(other).asFloatBuffer();
    Wrapper vector = new Wrapper(Mode.DELEGATE);

    long count =
        LifKernel.run(
            input,
            STEPS,
            SAMPLES,
            2f,
            THRESHOLD,
            LifKernel.Output.full(swapped),
            LifKernel.raster(SAMPLES, STEPS, 8, 8, 16, vector),
            vector);

    assertThat(vector.calls.get()).isZero();
    Run loops = run(input, 8, 8, 16, true, false, null);
    assertThat(count).isEqualTo(loops.count()).isPositive();
    assertThat(bits(floats(swapped))).isEqualTo(bits(loops.full()));
  }

  @Test
  void aConvolutionOutputReadInNativeMemoryGivesTheSameSpikesForEveryClamp() {
    for (Clamp clamp : Clamp.values()) {
      int channels = 16;
      NodeValue value =
          single(
              conv(new SplittableRandom(clamp.ordinal()), 16, 16, channels, clamp), 256, channels);
      Run loops =
          assertSame(
              LifKernel.Input.of(new NodeValue[] {value}, 16, 16),
              16,
              16,
              channels,
              true,
              true,
              true);
      // an inhibitory node is never above 0: its neurons never fire
      assertThat(loops.count() > 0).as(clamp.toString()).isEqualTo(clamp != Clamp.INHIBITORY);
    }
  }

  @Test
  void nodesThatAreSumsOrConcatenationsOrTimeInvariantGiveTheSameSpikes() {
    SplittableRandom random = new SplittableRandom(11);
    int h = 8;
    int w = 8;
    NodeValue sum =
        NodeValue.empty(h * w, 16)
            .plus(new NodeValue.Normalised(conv(random, h, w, 16, Clamp.EXCITATORY), 0, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, 16, Clamp.INHIBITORY), 0, false))
            .plus(new NodeValue.Normalised(conv(random, h, w, 16, Clamp.NONE), 0, false));
    float[] stem = new float[SAMPLES * h * w * 16];
    for (int i = 0; i < stem.length; i++) {
      stem[i] = (float) (random.nextDouble() * 1.6);
    }
    NodeValue timeInvariant = NodeValue.dense(stem, h * w, 16, true);
    LifKernel.Input input = LifKernel.Input.of(new NodeValue[] {sum}, h, w);
    assertThat(assertSame(input, h, w, 16, true, false, true).count()).isPositive();
    input = LifKernel.Input.of(new NodeValue[] {timeInvariant}, h, w);
    assertThat(assertSame(input, h, w, 16, true, false, true).count()).isPositive();
    // a concatenation: gathered first
    input = LifKernel.Input.of(new NodeValue[] {sum, timeInvariant, sum}, h, w);
    assertThat(assertSame(input, h, w, 48, true, false, false).count()).isPositive();
  }

  @Test
  void nodesTheKernelCannotReadAreGatheredFirstAndGiveTheSameSpikes() {
    SplittableRandom random = new SplittableRandom(12);
    int h = 8;
    int w = 8;
    NodeValue conv = single(conv(random, h, w, 16, Clamp.EXCITATORY), h * w, 16);
    // an identity edge (another node's value), and a factorized reduce's two halves
    NodeValue identity = NodeValue.empty(h * w, 16).plus(new NodeValue.Nested(conv, true));
    NodeValue halves =
        NodeValue.empty(h * w, 16)
            .plus(new NodeValue.Normalised(conv(random, h, w, 8, Clamp.NONE), 0, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, 8, Clamp.NONE), 8, true));
    for (NodeValue value : new NodeValue[] {identity, halves}) {
      LifKernel.Input input = LifKernel.Input.of(new NodeValue[] {value}, h, w);
      assertThat(assertSame(input, h, w, 16, true, false, false).count()).isPositive();
    }
  }

  @Test
  void theStrideTwoGridsOfAFactorizedReduceAreTheSameWithOrWithoutTheFullOutput() {
    NodeValue value = single(conv(new SplittableRandom(5), 16, 16, 16, Clamp.NONE), 256, 16);
    LifKernel.Input input = LifKernel.Input.of(new NodeValue[] {value}, 16, 16);
    assertThat(assertSame(input, 16, 16, 16, true, true, true).count()).isPositive();
    assertThat(assertSame(input, 16, 16, 16, false, true, true).count()).isPositive();
  }

  /**
   * Runs both kernels and asserts that they agree; returns the loops' run.
   *
   * @param planned whether the kernel computes the input itself (else it reads gathered blocks)
   */
  private static Run assertSame(
      LifKernel.Input input,
      int h,
      int w,
      int channels,
      boolean full,
      boolean grids,
      boolean planned) {
    assumeTrue(VectorStep.AVAILABLE != null, "this build or JVM has no vector kernel");
    Wrapper vector = new Wrapper(Mode.DELEGATE);
    Run loops = run(input, h, w, channels, full, grids, null);
    Run vectors = run(input, h, w, channels, full, grids, vector);

    assertThat(vector.calls.get()).isPositive();
    assertThat(vector.planned.get()).isEqualTo(planned ? vector.calls.get() : 0);
    assertThat(vectors.count).isEqualTo(loops.count);
    assertThat(bits(vectors.full)).isEqualTo(bits(loops.full));
    assertThat(bits(vectors.even)).isEqualTo(bits(loops.even));
    assertThat(bits(vectors.odd)).isEqualTo(bits(loops.odd));
    int neurons = h * w * channels;
    for (int b = 0; b < SAMPLES; b++) {
      for (int t = 0; t < STEPS; t++) {
        for (int n = 0; n < neurons; n++) {
          assertThat(vectors.raster.spiked(b, t, n))
              .as("sample %d step %d neuron %d", b, t, n)
              .isEqualTo(loops.raster.spiked(b, t, n));
        }
      }
    }
    return loops;
  }

  private record Run(long count, float[] full, float[] even, float[] odd, SpikeRaster raster) {}

  private static Run run(
      LifKernel.Input input,
      int h,
      int w,
      int channels,
      boolean withFull,
      boolean withGrids,
      VectorStep vector) {
    int rows = STEPS * SAMPLES;
    FloatBuffer full = withFull ? direct(rows * h * w * channels) : null;
    FloatBuffer even = withGrids ? direct(rows * h / 2 * w / 2 * channels) : null;
    FloatBuffer odd = withGrids ? direct(rows * h / 2 * w / 2 * channels) : null;
    SpikeRaster raster = LifKernel.raster(SAMPLES, STEPS, h, w, channels, vector);
    long count =
        LifKernel.run(
            input,
            STEPS,
            SAMPLES,
            2f,
            THRESHOLD,
            new LifKernel.Output(full, even, odd),
            raster,
            vector);
    return new Run(count, floats(full), floats(even), floats(odd), raster);
  }

  /** A node that is one convolution's output, normalised and clamped. */
  private static NodeValue single(NodeValue.ConvOutput output, int pixels, int channels) {
    return NodeValue.empty(pixels, channels).plus(new NodeValue.Normalised(output, 0, true));
  }

  /** A convolution output in native memory, as ND4J's are, with its batch statistics. */
  private static NodeValue.ConvOutput conv(
      SplittableRandom random, int h, int w, int channels, Clamp clamp) {
    int positions = STEPS * SAMPLES * h * w;
    FloatBuffer data = direct(positions * channels);
    for (int i = 0; i < data.capacity(); i++) {
      data.put(i, (float) (random.nextDouble() * 4 - 1.5));
    }
    return new NodeValue.ConvOutput(
        data, h * w, clamp, BatchNormKernel.statistics(data, positions, channels));
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  private static float[] floats(FloatBuffer buffer) {
    if (buffer == null) {
      return new float[0];
    }
    float[] values = new float[buffer.capacity()];
    buffer.get(0, values);
    return values;
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}

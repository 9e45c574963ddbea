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
 * The LIF layers' vector kernel ({@link VectorKernel}) against the Java 17 loops: the same spikes
 * in every output, the same counts and the same raster bits, for every kind of input a layer reads.
 * Runs where the build has the kernel and the JVM can run it (Maven on JDK 25, profile {@code
 * vector-lif}); elsewhere it is skipped, and the loops are all there is.
 */
class VectorKernelTest {

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
  private static final class Wrapper implements VectorKernel {
    final Mode mode;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger planned = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger scatters = new AtomicInteger();
    final AtomicInteger sums = new AtomicInteger();
    final AtomicInteger totals = new AtomicInteger();

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
        FloatBuffer spikes,
        int spikesOffset,
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
          for (int i = 0; i < length; i++) {
            spikes.put(spikesOffset + i, 0f);
          }
          return 0;
        }
        case STALE -> throw new AbstractMethodError("VectorApiKernel.step");
        default -> {
          return VectorKernel.AVAILABLE.step(
              source,
              row,
              sample,
              firstPixel,
              current,
              membrane,
              spikes,
              spikesOffset,
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
      return mode == Mode.DELEGATE ? VectorKernel.AVAILABLE.lanes() : 8;
    }

    @Override
    public void normalise(
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
        boolean accumulate) {
      reads.incrementAndGet();
      VectorKernel.AVAILABLE.normalise(
          data,
          first,
          scale,
          shift,
          clampSign,
          channels,
          positions,
          dest,
          destOffset,
          destStride,
          accumulate);
    }

    @Override
    public void place(
        float[] src,
        int from,
        int channels,
        int positions,
        float[] dest,
        int destOffset,
        int destStride,
        boolean accumulate) {
      reads.incrementAndGet();
      VectorKernel.AVAILABLE.place(
          src, from, channels, positions, dest, destOffset, destStride, accumulate);
    }

    @Override
    public void scatter(
        FloatBuffer src,
        int from,
        int srcStride,
        int channels,
        int pixels,
        FloatBuffer target,
        int targetIndex) {
      scatters.incrementAndGet();
      VectorKernel.AVAILABLE.scatter(src, from, srcStride, channels, pixels, target, targetIndex);
    }

    @Override
    public int addTiles(
        float[] sum,
        float[] squares,
        int tile,
        int channels,
        double[] sums,
        double[] totalSquares) {
      totals.incrementAndGet();
      return VectorKernel.AVAILABLE.addTiles(sum, squares, tile, channels, sums, totalSquares);
    }

    @Override
    public int sumTiles(
        FloatBuffer data, int first, int length, int tile, float[] sum, float[] squares) {
      sums.incrementAndGet();
      return VectorKernel.AVAILABLE.sumTiles(data, first, length, tile, sum, squares);
    }
  }

  @Test
  void theLoadedKernelPassesItsSelfCheck() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    assertThat(VectorKernel.Loader.selfCheck(VectorKernel.AVAILABLE)).isNull();
  }

  @Test
  void aKernelThatDiffersOrCannotRunFailsTheSelfCheck() {
    VectorKernel silent = new Wrapper(Mode.SILENT);
    VectorKernel stale = new Wrapper(Mode.STALE);

    assertThat(VectorKernel.Loader.selfCheck(silent)).contains("differ");
    assertThat(VectorKernel.Loader.selfCheck(stale)).contains("AbstractMethodError");
  }

  @Test
  void buffersInAnotherByteOrderAreLeftToTheLoops() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
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

  /**
   * Nodes of every kind, {@code lanes} wide or wider: one convolution, a sum with every clamp, an
   * identity edge that adds, a factorized reduce's halves (one added to), zeros, the stem's
   * time-invariant values, halves narrower than a vector (the scalar tails), and 48 channels.
   */
  private static NodeValue[] everyKindOfNode(SplittableRandom random, int h, int w, int lanes) {
    int c = 2 * lanes;
    NodeValue conv = single(conv(random, h, w, c, Clamp.EXCITATORY), h * w, c);
    NodeValue sum =
        NodeValue.empty(h * w, c)
            .plus(new NodeValue.Normalised(conv(random, h, w, c, Clamp.NONE), 0, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, c, Clamp.INHIBITORY), 0, false))
            .plus(new NodeValue.Normalised(conv(random, h, w, c, Clamp.EXCITATORY), 0, false));
    NodeValue identity =
        NodeValue.empty(h * w, c)
            .plus(new NodeValue.Normalised(conv(random, h, w, c, Clamp.NONE), 0, true))
            .plus(new NodeValue.Nested(sum, false));
    NodeValue halves =
        NodeValue.empty(h * w, c)
            .plus(new NodeValue.Normalised(conv(random, h, w, lanes, Clamp.NONE), 0, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, lanes, Clamp.NONE), lanes, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, lanes, Clamp.EXCITATORY), 0, false));
    NodeValue narrowHalves =
        NodeValue.empty(h * w, 12)
            .plus(new NodeValue.Normalised(conv(random, h, w, 6, Clamp.NONE), 0, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, 6, Clamp.INHIBITORY), 6, true));
    NodeValue zeros = NodeValue.empty(h * w, c).plus(new NodeValue.Zeros());
    NodeValue timeInvariant =
        NodeValue.dense(stem(random, h, w, c), h * w, c, true)
            .plus(new NodeValue.Normalised(conv(random, h, w, c, Clamp.NONE), 0, false));
    NodeValue wide =
        NodeValue.empty(h * w, 48)
            .plus(new NodeValue.Normalised(conv(random, h, w, 48, Clamp.NONE), 0, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, 48, Clamp.EXCITATORY), 0, false));
    return new NodeValue[] {conv, sum, identity, halves, narrowHalves, zeros, timeInvariant, wide};
  }

  @Test
  void theKernelReadsEveryKindOfNodeIntoItsChannelsBitForBit() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    int h = 8;
    int w = 8;
    NodeValue[] nodes = everyKindOfNode(new SplittableRandom(31), h, w, 16);
    int total = 0;
    for (NodeValue node : nodes) {
      total += node.channels();
    }
    int positions = 3 * w;
    NodeValue.Scratch scratch = new NodeValue.Scratch();
    for (int row : new int[] {0, 7, STEPS * SAMPLES - 1}) {
      // all the nodes side by side, as a concatenation's block holds them
      float[] expected = new float[positions * total];
      float[] actual = new float[positions * total];
      java.util.Arrays.fill(actual, Float.NaN);
      int offset = 0;
      for (NodeValue node : nodes) {
        int c = node.channels();
        float[] alone = new float[positions * c];
        node.prepare(positions);
        node.read(row, row % SAMPLES, 2 * w, positions, alone, scratch, 0);
        for (int p = 0; p < positions; p++) {
          System.arraycopy(alone, p * c, expected, p * total + offset, c);
        }
        node.read(
            VectorKernel.AVAILABLE,
            row,
            row % SAMPLES,
            2 * w,
            positions,
            actual,
            offset,
            total,
            scratch,
            0);
        offset += c;
      }
      assertThat(bits(actual)).as("row %d", row).isEqualTo(bits(expected));
    }
  }

  @Test
  void theStepComputesItsInputFromTheTermsBitForBitMembranesIncluded() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    VectorKernel kernel = VectorKernel.AVAILABLE;
    int h = 8;
    int w = 8;
    int planned = 0;
    for (NodeValue node : everyKindOfNode(new SplittableRandom(32), h, w, kernel.lanes())) {
      VectorKernel.Term[] terms = node.vectorTerms();
      if (terms == null || node.channels() % kernel.lanes() != 0) {
        continue;
      }
      planned++;
      VectorKernel.Source source = new VectorKernel.Source(node.channels(), terms);
      // rows 2 to 5 of each image: a block that does not start at pixel 0
      int positions = 4 * w;
      int length = positions * node.channels();
      float[] current = new float[length];
      float[] membrane = new float[length];
      float[] spikes = new float[length];
      float[] expectedCurrent = new float[length];
      float[] expectedMembrane = new float[length];
      float[] expectedSpikes = new float[length];
      long[] words = new long[length / 64];
      FloatBuffer out = direct(16 + length);
      node.prepare(positions);
      for (int b = 0; b < SAMPLES; b++) {
        java.util.Arrays.fill(membrane, 0f);
        java.util.Arrays.fill(expectedMembrane, 0f);
        for (int t = 0; t < STEPS; t++) {
          int row = t * SAMPLES + b;
          // the spikes written at an offset into native memory, as into a layer's tensor
          kernel.step(
              source, row, b, 2 * w, current, membrane, out, 16, words, 0, length, 0.5f, THRESHOLD);
          out.get(16, spikes);
          node.read(row, b, 2 * w, positions, expectedCurrent, new NodeValue.Scratch(), 0);
          LifKernel.step(
              expectedCurrent, expectedMembrane, expectedSpikes, length, 0.5f, THRESHOLD);
          assertThat(bits(membrane))
              .as("sample %d step %d", b, t)
              .isEqualTo(bits(expectedMembrane));
          assertThat(bits(spikes)).as("sample %d step %d", b, t).isEqualTo(bits(expectedSpikes));
        }
      }
    }
    // one convolution, sums of two and three (the last added in the step's loop), 48 channels
    assertThat(planned).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aStridedReadOfWholeVectorsAndATailIsTheLoopsRead() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    SplittableRandom random = new SplittableRandom(24);
    int lanes = VectorKernel.AVAILABLE.lanes();
    int positions = 37;
    // a vector and a half of channels, into a concatenation's part: columns and a tail per position
    int channels = lanes + lanes / 2;
    int stride = 2 * channels + 8;
    FloatBuffer data = direct(3 + positions * channels);
    for (int i = 0; i < data.capacity(); i++) {
      data.put(i, (float) (random.nextGaussian() * 2));
    }
    float[] scale = new float[channels];
    float[] shift = new float[channels];
    for (int k = 0; k < channels; k++) {
      scale[k] = (float) (0.5 + random.nextDouble());
      shift[k] = (float) random.nextGaussian();
    }
    for (int clampSign : new int[] {0, 1, -1}) {
      for (boolean accumulate : new boolean[] {false, true}) {
        float[] dest = new float[positions * stride];
        float[] expected = new float[dest.length];
        for (int i = 0; i < dest.length; i++) {
          dest[i] = expected[i] = (float) random.nextGaussian();
        }
        VectorKernel.AVAILABLE.normalise(
            data, 3, scale, shift, clampSign, channels, positions, dest, 5, stride, accumulate);
        for (int p = 0; p < positions; p++) {
          for (int k = 0; k < channels; k++) {
            float y = data.get(3 + p * channels + k) * scale[k] + shift[k];
            if (clampSign != 0) {
              y = (y + clampSign * Math.abs(y)) * 0.5f;
            }
            int at = 5 + p * stride + k;
            expected[at] = accumulate ? expected[at] + y : y;
          }
        }
        assertThat(bits(dest))
            .as("clamp %d, accumulate %s", clampSign, accumulate)
            .isEqualTo(bits(expected));
      }
    }
  }

  @Test
  void batchNormBlockTotalsAreTheLoopsTotalsAndTheChannelsLeftAreSaid() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    SplittableRandom random = new SplittableRandom(23);
    for (int channels : new int[] {16, 48, 24, 12, 32, 4, 128}) {
      int tile = channels * Math.max(1, 256 / channels);
      float[] sum = new float[tile];
      float[] squares = new float[tile];
      for (int j = 0; j < tile; j++) {
        sum[j] = (float) (random.nextGaussian() * 100);
        squares[j] = (float) (random.nextDouble() * 1000);
      }
      double[] totals = new double[channels];
      double[] totalSquares = new double[channels];
      for (int c = 0; c < channels; c++) {
        totals[c] = random.nextGaussian() * 1e4;
        totalSquares[c] = random.nextDouble() * 1e6;
      }
      double[] expectedTotals = totals.clone();
      double[] expectedSquares = totalSquares.clone();
      for (int base = 0; base < tile; base += channels) {
        for (int c = 0; c < channels; c++) {
          expectedTotals[c] += sum[base + c];
          expectedSquares[c] += squares[base + c];
        }
      }

      int added =
          VectorKernel.AVAILABLE.addTiles(sum, squares, tile, channels, totals, totalSquares);
      for (int base = 0; base < tile; base += channels) {
        for (int c = added; c < channels; c++) {
          totals[c] += sum[base + c];
          totalSquares[c] += squares[base + c];
        }
      }

      assertThat(added).as("%d channels", channels).isBetween(0, channels);
      if (channels >= 16) {
        assertThat(added).as("%d channels", channels).isEqualTo(channels);
      }
      assertThat(totals).as("%d channels", channels).containsExactly(expectedTotals);
      assertThat(totalSquares).as("%d channels", channels).containsExactly(expectedSquares);
    }
  }

  @Test
  void batchNormTileSumsAreTheLoopsSumsAndTilesOfPartVectorsAreLeftToTheLoops() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    SplittableRandom random = new SplittableRandom(22);
    FloatBuffer data = direct(5000);
    for (int i = 0; i < data.capacity(); i++) {
      data.put(i, (float) (random.nextGaussian() * 3 + 1));
    }
    int lanes = VectorKernel.AVAILABLE.lanes();
    for (int tile : new int[] {256, 240, 4 * lanes, 252}) {
      float[] sum = new float[tile];
      float[] squares = new float[tile];
      float[] expectedSum = new float[tile];
      float[] expectedSquares = new float[tile];
      // sums already begun (the kernel adds to them), over more than one chunk of tiles
      for (int j = 0; j < tile; j++) {
        sum[j] = expectedSum[j] = (float) random.nextGaussian();
        squares[j] = expectedSquares[j] = (float) random.nextDouble() * 5;
      }
      int length = 4900;
      int consumed = VectorKernel.AVAILABLE.sumTiles(data, 37, length, tile, sum, squares);
      for (int i = 0; i < consumed; i += tile) {
        for (int j = 0; j < tile; j++) {
          float v = data.get(37 + i + j);
          expectedSum[j] += v;
          expectedSquares[j] += v * v;
        }
      }
      assertThat(consumed)
          .as("tile %d", tile)
          .isEqualTo(tile % lanes == 0 ? length / tile * tile : 0);
      assertThat(bits(sum)).as("tile %d", tile).isEqualTo(bits(expectedSum));
      assertThat(bits(squares)).as("tile %d", tile).isEqualTo(bits(expectedSquares));
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
    NodeValue timeInvariant = NodeValue.dense(stem(random, h, w, 16), h * w, 16, true);
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
  void identityEdgesThatAddZeroNodesAndWideHalvesGiveTheSameSpikes() {
    SplittableRandom random = new SplittableRandom(13);
    int h = 8;
    int w = 8;
    int lanes = 16; // whole vectors on every machine: 8 floats on AVX2, 16 on AVX-512
    NodeValue conv = single(conv(random, h, w, 2 * lanes, Clamp.EXCITATORY), h * w, 2 * lanes);
    // node := conv; node += (conv, an identity edge); node += another convolution
    NodeValue added =
        NodeValue.empty(h * w, 2 * lanes)
            .plus(new NodeValue.Normalised(conv(random, h, w, 2 * lanes, Clamp.NONE), 0, true))
            .plus(new NodeValue.Nested(conv, false))
            .plus(
                new NodeValue.Normalised(
                    conv(random, h, w, 2 * lanes, Clamp.INHIBITORY), 0, false));
    // halves of whole vectors, the second added to a convolution over every channel
    NodeValue halves =
        NodeValue.empty(h * w, 2 * lanes)
            .plus(new NodeValue.Normalised(conv(random, h, w, 2 * lanes, Clamp.NONE), 0, true))
            .plus(new NodeValue.Normalised(conv(random, h, w, lanes, Clamp.NONE), 0, true))
            .plus(
                new NodeValue.Normalised(
                    conv(random, h, w, lanes, Clamp.EXCITATORY), lanes, false));
    NodeValue zeros = NodeValue.empty(h * w, lanes).plus(new NodeValue.Zeros());
    for (NodeValue value : new NodeValue[] {added, halves}) {
      LifKernel.Input input = LifKernel.Input.of(new NodeValue[] {value}, h, w);
      assertThat(assertSame(input, h, w, 2 * lanes, true, true, false).count()).isPositive();
    }
    // a concatenation of nodes of different widths, one of them all zeros
    LifKernel.Input input = LifKernel.Input.of(new NodeValue[] {conv, zeros, halves, added}, h, w);
    assertThat(assertSame(input, h, w, 7 * lanes, true, true, false).count()).isPositive();
  }

  @Test
  void batchNormSumsThroughTheKernelAreTheLoopsSumsBitForBit() {
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    SplittableRandom random = new SplittableRandom(21);
    // channel counts whose tiles are and are not whole vectors (12: tiles of 252 floats), positions
    // with and without a tail
    int[][] shapes = {
      {8, 1000}, {16, 4096}, {48, 777}, {96, 2000}, {384, 300}, {24, 513}, {12, 900}
    };
    for (int[] shape : shapes) {
      int channels = shape[0];
      int positions = shape[1];
      FloatBuffer data = direct(positions * channels);
      for (int i = 0; i < data.capacity(); i++) {
        data.put(i, (float) (random.nextGaussian() * 3 + 1));
      }
      Wrapper vector = new Wrapper(Mode.DELEGATE);
      BatchNormKernel.Affine loops = BatchNormKernel.statistics(data, positions, channels, null);
      BatchNormKernel.Affine vectors =
          BatchNormKernel.statistics(data, positions, channels, vector);

      assertThat(vector.sums.get()).isPositive();
      assertThat(vector.totals.get()).isPositive();
      assertThat(vectors.scale()).as("scale, %d channels", channels).containsExactly(loops.scale());
      assertThat(vectors.shift()).as("shift, %d channels", channels).containsExactly(loops.shift());
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
    assumeTrue(VectorKernel.AVAILABLE != null, "this build or JVM has no vector kernel");
    Wrapper vector = new Wrapper(Mode.DELEGATE);
    Run loops = run(input, h, w, channels, full, grids, null);
    Run vectors = run(input, h, w, channels, full, grids, vector);

    assertThat(vector.calls.get()).isPositive();
    assertThat(vector.planned.get()).isEqualTo(planned ? vector.calls.get() : 0);
    // a block the step does not read itself is gathered through the kernel too
    assertThat(vector.reads.get() > 0).isEqualTo(!planned);
    assertThat(vector.scatters.get() > 0).isEqualTo(grids);
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
      VectorKernel vector) {
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

  /** The stem's values: one row per sample, as a time-invariant node holds them. */
  private static float[] stem(SplittableRandom random, int h, int w, int channels) {
    float[] stem = new float[SAMPLES * h * w * channels];
    for (int i = 0; i < stem.length; i++) {
      stem[i] = (float) (random.nextDouble() * 1.6);
    }
    return stem;
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

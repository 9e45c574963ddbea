package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.worker.network.Phenotype.Clamp;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeValue} computes, block by block, exactly the floats of writing the node out step by
 * step with {@link BatchNormKernel#normaliseInto} and plain copies and sums: the arithmetic the
 * simulator used before node values were kept as terms.
 */
class NodeValueTest {

  private static final int ROWS = 6;
  private static final int SAMPLES = 2;
  private static final int PIXELS = 35; // 5 x 7

  @Test
  void sumsOfEdgesAndAnIdentityEqualTheNodeWrittenOutStepByStep() {
    int channels = 12;
    SplittableRandom random = new SplittableRandom(3);
    float[] a = random(random, ROWS * PIXELS * channels);
    float[] b = random(random, ROWS * PIXELS * channels);
    float[] c = random(random, ROWS * PIXELS * channels);
    float[] d = random(random, ROWS * PIXELS * channels);

    // node n: a (excitatory, overwrite) + b (inhibitory); node m: c (no clamp); then n += m and a
    // feedback-like d (excitatory) added after
    float[] n = new float[ROWS * PIXELS * channels];
    float[] m = new float[ROWS * PIXELS * channels];
    normaliseInto(a, channels, Clamp.EXCITATORY, n, channels, 0, true);
    normaliseInto(b, channels, Clamp.INHIBITORY, n, channels, 0, false);
    normaliseInto(c, channels, Clamp.NONE, m, channels, 0, true);
    for (int k = 0; k < n.length; k++) {
      n[k] += m[k];
    }
    normaliseInto(d, channels, Clamp.EXCITATORY, n, channels, 0, false);

    NodeValue mValue =
        NodeValue.empty(PIXELS, channels)
            .plus(new NodeValue.Normalised(conv(c, channels, Clamp.NONE), 0, true));
    NodeValue nValue =
        NodeValue.empty(PIXELS, channels)
            .plus(new NodeValue.Normalised(conv(a, channels, Clamp.EXCITATORY), 0, true))
            .plus(new NodeValue.Normalised(conv(b, channels, Clamp.INHIBITORY), 0, false))
            .plus(new NodeValue.Nested(mValue, false))
            .plus(new NodeValue.Normalised(conv(d, channels, Clamp.EXCITATORY), 0, false));

    assertReadsAsWritten(nValue, n, channels, false);
  }

  @Test
  void halvesWrittenAtChannelOffsetsEqualTheFactorizedReduceWrite() {
    int channels = 10;
    int half = channels / 2;
    SplittableRandom random = new SplittableRandom(4);
    float[] even = random(random, ROWS * PIXELS * half);
    float[] odd = random(random, ROWS * PIXELS * half);
    float[] extra = random(random, ROWS * PIXELS * half);
    float[] node = new float[ROWS * PIXELS * channels];
    normaliseInto(even, half, Clamp.NONE, node, channels, 0, true);
    normaliseInto(odd, half, Clamp.NONE, node, channels, half, true);
    normaliseInto(extra, half, Clamp.INHIBITORY, node, channels, half, false);

    NodeValue value =
        NodeValue.empty(PIXELS, channels)
            .plus(new NodeValue.Normalised(conv(even, half, Clamp.NONE), 0, true))
            .plus(new NodeValue.Normalised(conv(odd, half, Clamp.NONE), half, true))
            .plus(new NodeValue.Normalised(conv(extra, half, Clamp.INHIBITORY), half, false));

    assertReadsAsWritten(value, node, channels, false);
  }

  @Test
  void aZeroNodeAddedToAndATimeInvariantNodeReadTheirOwnRows() {
    int channels = 4;
    SplittableRandom random = new SplittableRandom(5);
    float[] a = random(random, ROWS * PIXELS * channels);
    float[] node = new float[ROWS * PIXELS * channels];
    normaliseInto(a, channels, Clamp.EXCITATORY, node, channels, 0, false);
    NodeValue zeroPlusA =
        NodeValue.empty(PIXELS, channels)
            .plus(new NodeValue.Zeros())
            .plus(new NodeValue.Normalised(conv(a, channels, Clamp.EXCITATORY), 0, false));
    assertReadsAsWritten(zeroPlusA, node, channels, false);

    float[] perSample = random(random, SAMPLES * PIXELS * channels);
    assertReadsAsWritten(
        NodeValue.dense(perSample, PIXELS, channels, true), perSample, channels, true);
  }

  @Test
  void addingToANodeBeforeItIsWrittenIsRefused() {
    float[] a = new float[ROWS * PIXELS * 2];
    assertThatThrownBy(
            () ->
                NodeValue.empty(PIXELS, 2)
                    .plus(new NodeValue.Normalised(conv(a, 2, Clamp.NONE), 0, false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("added to before");
  }

  @Test
  void overwritingTheWholeNodeDropsWhatWasWrittenBefore() {
    int channels = 4;
    float[] a = random(new SplittableRandom(7), ROWS * PIXELS * channels);
    float[] node = new float[ROWS * PIXELS * channels];
    normaliseInto(a, channels, Clamp.NONE, node, channels, 0, true);
    // a term whose buffer is empty: reading it would throw, so the value must not read it again
    NodeValue.ConvOutput gone =
        new NodeValue.ConvOutput(
            FloatBuffer.allocate(0),
            PIXELS,
            Clamp.NONE,
            new BatchNormKernel.Affine(new float[channels], new float[channels]));
    NodeValue value =
        NodeValue.empty(PIXELS, channels)
            .plus(new NodeValue.Normalised(gone, 0, true))
            .plus(new NodeValue.Normalised(conv(a, channels, Clamp.NONE), 0, true));

    assertReadsAsWritten(value, node, channels, false);
  }

  @Test
  void aValueIsImmutable() {
    int channels = 3;
    SplittableRandom random = new SplittableRandom(6);
    float[] a = random(random, ROWS * PIXELS * channels);
    float[] b = random(random, ROWS * PIXELS * channels);
    float[] before = new float[ROWS * PIXELS * channels];
    normaliseInto(a, channels, Clamp.NONE, before, channels, 0, true);
    NodeValue first =
        NodeValue.empty(PIXELS, channels)
            .plus(new NodeValue.Normalised(conv(a, channels, Clamp.NONE), 0, true));
    NodeValue second =
        first.plus(new NodeValue.Normalised(conv(b, channels, Clamp.EXCITATORY), 0, false));

    assertReadsAsWritten(first, before, channels, false);
    assertThat(read(second, channels, 0, 0, 0, PIXELS)).isNotEqualTo(before);
  }

  /** Reads every row in blocks of several sizes; each must equal the node written out. */
  private static void assertReadsAsWritten(
      NodeValue value, float[] written, int channels, boolean timeInvariant) {
    for (int positions : new int[] {PIXELS, 7, 5, 1}) {
      value.prepare(positions);
      for (int row = 0; row < ROWS; row++) {
        int sample = row % SAMPLES;
        int stored = timeInvariant ? sample : row;
        for (int first = 0; first + positions <= PIXELS; first += positions) {
          float[] expected =
              Arrays.copyOfRange(
                  written,
                  (stored * PIXELS + first) * channels,
                  (stored * PIXELS + first + positions) * channels);
          assertThat(read(value, channels, row, sample, first, positions))
              .as("row %d, pixels %d..%d", row, first, first + positions)
              .containsExactly(expected);
        }
      }
    }
  }

  private static float[] read(
      NodeValue value, int channels, int row, int sample, int first, int positions) {
    value.prepare(positions);
    float[] dest = new float[positions * channels];
    value.read(row, sample, first, positions, dest, new NodeValue.Scratch(), 0);
    return dest;
  }

  private static NodeValue.ConvOutput conv(float[] x, int channels, Clamp clamp) {
    FloatBuffer data = FloatBuffer.wrap(x);
    return new NodeValue.ConvOutput(
        data, PIXELS, clamp, BatchNormKernel.statistics(data, x.length / channels, channels));
  }

  private static void normaliseInto(
      float[] x,
      int channels,
      Clamp clamp,
      float[] target,
      int targetChannels,
      int offset,
      boolean overwrite) {
    BatchNormKernel.normaliseInto(
        x, x.length / channels, channels, clamp, target, targetChannels, offset, overwrite);
  }

  private static float[] random(SplittableRandom random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextDouble(-2, 3);
    }
    return values;
  }
}

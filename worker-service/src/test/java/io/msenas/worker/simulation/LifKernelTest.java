package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LifKernel} against traces computed by hand (docs/algorithm.md section 2): per step {@code
 * u = u + (I - u) / tau; s = H(u - v_th); u = u (1 - s)}, H(0) = 1, membranes start at 0 for every
 * sample. Output rows are time-major: row {@code t * B + b}.
 */
class LifKernelTest {

  private static final float THRESHOLD = 0.5f;

  /** One neuron, one sample: the spikes of a constant input over {@code steps} steps. */
  private static float[] constantInputSpikes(float input, float tau, int steps) {
    float[] source = {input}; // time-invariant: one row for the single sample
    float[] full = new float[steps];
    SpikeRaster raster = new SpikeRaster(1, steps, 1);
    LifKernel.run(
        singleSource(source, 1, true, 1, 1),
        steps,
        1,
        tau,
        THRESHOLD,
        LifKernel.Output.full(FloatBuffer.wrap(full)),
        raster);
    return full;
  }

  @Test
  void constantInputChargesLeakilyAndFiresOnTheThirdStepWithTauTwo() {
    // tau = 2, I = 0.6:
    // t1: u = 0 + (0.6 - 0) / 2 = 0.3 < 0.5, no spike
    // t2: u = 0.3 + (0.6 - 0.3) / 2 = 0.45, no spike
    // t3: u = 0.45 + (0.6 - 0.45) / 2 = 0.525 >= 0.5, spike, reset to 0
    // t4..t6 repeat t1..t3 from u = 0
    assertThat(constantInputSpikes(0.6f, 2f, 6)).containsExactly(0, 0, 1, 0, 0, 1);
  }

  @Test
  void tauSetsTheLeak() {
    // tau = 1: u = I = 0.6 at every step, spike at every step (reset does not matter)
    assertThat(constantInputSpikes(0.6f, 1f, 6)).containsExactly(1, 1, 1, 1, 1, 1);
    // tau = 2: see constantInputChargesLeakilyAndFiresOnTheThirdStepWithTauTwo
    assertThat(constantInputSpikes(0.6f, 2f, 6)).containsExactly(0, 0, 1, 0, 0, 1);
    // tau = 4, I = 0.6: u += (0.6 - u) / 4
    // t1 0.15, t2 0.2625, t3 0.346875, t4 0.41015625, t5 0.45761719, t6 0.49321289 (all < 0.5),
    // t7 0.51990967 >= 0.5: spike, reset; t8 0.15
    assertThat(constantInputSpikes(0.6f, 4f, 8)).containsExactly(0, 0, 0, 0, 0, 0, 1, 0);
  }

  @Test
  void aMembraneExactlyAtThresholdFires() {
    // tau = 1 makes u = I: I = 0.5 is exactly v_th, and H(0) = 1, so it fires at every step
    assertThat(constantInputSpikes(0.5f, 1f, 3)).containsExactly(1, 1, 1);
    // just below the threshold it never fires
    assertThat(constantInputSpikes(Math.nextDown(0.5f), 1f, 3)).containsExactly(0, 0, 0);
    // tau = 2, I = 1: t1 u = 0 + (1 - 0) / 2 = 0.5 exactly, fires; reset, so t2 is t1 again
    assertThat(constantInputSpikes(1f, 2f, 3)).containsExactly(1, 1, 1);
  }

  @Test
  void aSpikeResetsTheMembraneToZero() {
    // time-varying input of one neuron, tau = 2, inputs 2.0, 0.9, 0.9, 0.9:
    // t1: u = 1.0, spike; hard reset: u = 0
    // t2: u = 0 + (0.9 - 0) / 2 = 0.45, no spike
    //     (a soft reset u -= v_th would give 0.5 + 0.2 = 0.7 and fire; no reset 1 - 0.05 = 0.95 and
    // fire)
    // t3: u = 0.45 + 0.225 = 0.675, spike, u = 0
    // t4: u = 0.45, no spike
    float[] source = {2.0f, 0.9f, 0.9f, 0.9f};
    float[] full = new float[4];
    SpikeRaster raster = new SpikeRaster(1, 4, 1);

    long count =
        LifKernel.run(
            singleSource(source, 1, false, 1, 1),
            4,
            1,
            2f,
            THRESHOLD,
            LifKernel.Output.full(FloatBuffer.wrap(full)),
            raster);

    assertThat(full).containsExactly(1, 0, 1, 0);
    assertThat(count).isEqualTo(2);
  }

  @Test
  void membranesStartAtZeroForEverySampleAndRowsAreTimeMajor() {
    // two samples, three steps, one neuron; time-varying rows t * B + b
    // sample 0 gets 0.6 at every step: 0.3, 0.45, 0.525 -> spikes 0, 0, 1
    // sample 1 gets 1.0, 0.0, 0.6: t1 0.5 fires (reset), t2 0 + (0 - 0)/2 = 0, t3 0.3 -> 1, 0, 0
    float[] source = {
      0.6f, 1.0f, // t = 0: samples 0, 1
      0.6f, 0.0f, // t = 1
      0.6f, 0.6f, // t = 2
    };
    float[] full = new float[6];
    SpikeRaster raster = new SpikeRaster(2, 3, 1);

    LifKernel.run(
        singleSource(source, 1, false, 1, 1),
        3,
        2,
        2f,
        THRESHOLD,
        LifKernel.Output.full(FloatBuffer.wrap(full)),
        raster);

    assertThat(full)
        .containsExactly(
            0, 1, // t = 0
            0, 0, // t = 1
            1, 0); // t = 2
    assertThat(raster.spiked(0, 2, 0)).isTrue();
    assertThat(raster.spiked(1, 0, 0)).isTrue();
    assertThat(raster.count()).isEqualTo(2);
  }

  @Test
  void neuronsOfOnePixelAndOfDifferentPixelsEvolveIndependently() {
    // width 4, channels 2 (NHWC: neuron = x * 2 + c), tau = 2, constant inputs, 3 steps
    float[] inputs = {0.6f, 1.0f, 0.0f, 0.99f, 2.0f, 0.4f, 1.2f, 0.5f};
    // 0.6 -> 0,0,1; 1.0 -> 1,1,1; 0.0 -> 0,0,0; 0.99 -> 0.495, 0.7425 -> 0,1,0;
    // 2.0 -> 1,1,1; 0.4 -> 0.2, 0.3, 0.35 -> 0,0,0; 1.2 -> 1,1,1; 0.5 -> 0.25, 0.375, 0.4375 ->
    // 0,0,0
    float[][] expected = {
      {0, 1, 0, 0, 1, 0, 1, 0},
      {0, 1, 0, 1, 1, 0, 1, 0},
      {1, 1, 0, 0, 1, 0, 1, 0},
    };
    float[] full = new float[3 * 8];
    SpikeRaster raster = new SpikeRaster(1, 3, 8);

    LifKernel.run(
        LifKernel.Input.of(new float[][] {inputs}, new int[] {2}, new boolean[] {true}, 1, 4),
        3,
        1,
        2f,
        THRESHOLD,
        LifKernel.Output.full(FloatBuffer.wrap(full)),
        raster);

    for (int t = 0; t < 3; t++) {
      float[] row = new float[8];
      System.arraycopy(full, t * 8, row, 0, 8);
      assertThat(row).as("step %d", t).containsExactly(expected[t]);
    }
  }

  @Test
  void timeInvariantSourceEqualsTheSameSourceRepeatedForEveryStep() {
    int samples = 3;
    int steps = 4;
    int height = 16; // 16 x 16 x 4: 1024 neurons, split into two blocks of 8 rows
    int width = 16;
    int channels = 4;
    int perSample = height * width * channels;
    float[] once = randomInput(new SplittableRandom(11), samples * perSample, 0f, 1.6f);
    float[] repeated = new float[steps * samples * perSample];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(once, 0, repeated, t * samples * perSample, once.length);
    }

    Result invariant =
        run(
            LifKernel.Input.of(
                new float[][] {once}, new int[] {channels}, new boolean[] {true}, height, width),
            steps,
            samples,
            2f);
    Result perStep =
        run(
            LifKernel.Input.of(
                new float[][] {repeated},
                new int[] {channels},
                new boolean[] {false},
                height,
                width),
            steps,
            samples,
            2f);

    assertThat(invariant.full).containsExactly(perStep.full);
    assertThat(invariant.count).isEqualTo(perStep.count).isPositive();
    assertThat(invariant.full).contains(0f, 1f); // neither silent nor saturated
  }

  @Test
  void twoSourcesAreConcatenatedChannelWiseInSourceOrder() {
    // tau = 1 so spike = (I >= 0.5): the spikes show the input layout directly
    // height 1, width 2; source A has 1 channel, source B has 2
    float[] a = {0.9f, 0.1f}; // pixel 0, pixel 1
    float[] b = {0.1f, 0.9f, 0.9f, 0.8f}; // pixel 0: (0.1, 0.9), pixel 1: (0.9, 0.8)
    float[] full = new float[2 * 3];
    SpikeRaster raster = new SpikeRaster(1, 1, 6);

    LifKernel.run(
        LifKernel.Input.of(
            new float[][] {a, b}, new int[] {1, 2}, new boolean[] {true, true}, 1, 2),
        1,
        1,
        1f,
        THRESHOLD,
        LifKernel.Output.full(FloatBuffer.wrap(full)),
        raster);

    // NHWC: pixel 0 = [A0, B0, B1], pixel 1 = [A0, B0, B1]
    assertThat(full).containsExactly(1, 0, 1, 0, 1, 1);
  }

  @Test
  void concatenationMatchesAReferenceOnRandomInputsWithMixedTimeInvariance() {
    int samples = 2;
    int steps = 3;
    int height = 8;
    int width = 8;
    int[] channels = {3, 5}; // 8 channels in all: 64 neurons per row, blocks of whole rows
    SplittableRandom random = new SplittableRandom(5);
    float[] invariant = randomInput(random, samples * height * width * channels[0], 0f, 1.5f);
    float[] varying = randomInput(random, steps * samples * height * width * channels[1], 0f, 1.5f);
    LifKernel.Input input =
        LifKernel.Input.of(
            new float[][] {invariant, varying},
            channels,
            new boolean[] {true, false},
            height,
            width);

    Result actual = run(input, steps, samples, 2f);

    float[] expected =
        reference(
            new float[][] {invariant, varying},
            channels,
            new boolean[] {true, false},
            height,
            width,
            steps,
            samples,
            2f);
    assertThat(actual.full).containsExactly(expected);
  }

  @Test
  void singleSourceMatchesAReferenceAcrossBlocksAndRaggedWords() {
    // 16 x 16 x 4 is split into blocks; 3 x 5 x 7 = 105 neurons ends in a partial word
    int[][] shapes = {{16, 16, 4}, {3, 5, 7}, {6, 8, 8}};
    SplittableRandom random = new SplittableRandom(21);
    for (int[] shape : shapes) {
      int samples = 3;
      int steps = 3;
      float[] source =
          randomInput(random, steps * samples * shape[0] * shape[1] * shape[2], -0.5f, 1.5f);
      LifKernel.Input input = singleSource(source, shape[2], false, shape[0], shape[1]);

      Result actual = run(input, steps, samples, 2f);

      assertThat(actual.full)
          .as("shape %dx%dx%d", shape[0], shape[1], shape[2])
          .containsExactly(
              reference(
                  new float[][] {source},
                  new int[] {shape[2]},
                  new boolean[] {false},
                  shape[0],
                  shape[1],
                  steps,
                  samples,
                  2f));
    }
  }

  @Test
  void rasterBitsEqualTheFloatSpikesAndTheReturnedCountEqualsTheRasterCount() {
    int[][] shapes = {{16, 16, 4}, {3, 5, 7}, {1, 1, 1}, {2, 4, 8}};
    SplittableRandom random = new SplittableRandom(3);
    for (int[] shape : shapes) {
      int samples = 4;
      int steps = 3;
      int neurons = shape[0] * shape[1] * shape[2];
      float[] source = randomInput(random, steps * samples * neurons, 0f, 1.6f);
      LifKernel.Input input = singleSource(source, shape[2], false, shape[0], shape[1]);

      Result result = run(input, steps, samples, 2f);

      long ones = 0;
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < samples; b++) {
          for (int n = 0; n < neurons; n++) {
            float spike = result.full[(t * samples + b) * neurons + n];
            assertThat(result.raster.spiked(b, t, n))
                .as(
                    "shape %dx%dx%d sample %d step %d neuron %d",
                    shape[0], shape[1], shape[2], b, t, n)
                .isEqualTo(spike == 1f);
            ones += spike == 1f ? 1 : 0;
          }
        }
      }
      assertThat(result.count).isEqualTo(result.raster.count()).isEqualTo(ones);
      // the unused high bits of each step's last word stay clear
      int rest = neurons & 63;
      if (rest != 0) {
        for (int b = 0; b < samples; b++) {
          for (int t = 0; t < steps; t++) {
            long last =
                result.raster.word(
                    result.raster.wordIndex(b, t) + result.raster.wordsPerStep() - 1);
            assertThat(last >>> rest).isZero();
          }
        }
      }
    }
  }

  @Test
  void evenAndOddOutputsHoldTheTwoStrideTwoGridsOfTheFullOutput() {
    // 4 x 4 images with 2 channels, and 6 x 8 x 8 (split into blocks of 3 rows, an odd count)
    int[][] shapes = {{4, 4, 2}, {6, 8, 8}};
    SplittableRandom random = new SplittableRandom(8);
    for (int[] shape : shapes) {
      int height = shape[0];
      int width = shape[1];
      int channels = shape[2];
      int samples = 2;
      int steps = 2;
      int rows = steps * samples;
      float[] source = randomInput(random, rows * height * width * channels, 0f, 1.6f);
      float[] full = new float[rows * height * width * channels];
      float[] even = new float[rows * (height / 2) * (width / 2) * channels];
      float[] odd = new float[even.length];
      SpikeRaster raster = new SpikeRaster(samples, steps, height * width * channels);

      LifKernel.run(
          singleSource(source, channels, false, height, width),
          steps,
          samples,
          2f,
          THRESHOLD,
          new LifKernel.Output(
              FloatBuffer.wrap(full), FloatBuffer.wrap(even), FloatBuffer.wrap(odd)),
          raster);

      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < height / 2; i++) {
          for (int j = 0; j < width / 2; j++) {
            for (int c = 0; c < channels; c++) {
              int at = ((r * (height / 2) + i) * (width / 2) + j) * channels + c;
              assertThat(even[at])
                  .as("even row %d pixel (%d, %d) channel %d", r, i, j, c)
                  .isEqualTo(full[((r * height + 2 * i) * width + 2 * j) * channels + c]);
              assertThat(odd[at])
                  .as("odd row %d pixel (%d, %d) channel %d", r, i, j, c)
                  .isEqualTo(full[((r * height + 2 * i + 1) * width + 2 * j + 1) * channels + c]);
            }
          }
        }
      }
      assertThat(even).contains(0f, 1f);
      assertThat(odd).contains(0f, 1f);
    }
  }

  @Test
  void evenAndOddOutputsAreWrittenWithoutAFullOutput() {
    int height = 4;
    int width = 4;
    int channels = 3;
    float[] source = randomInput(new SplittableRandom(13), height * width * channels, 0f, 1.6f);
    LifKernel.Input input = singleSource(source, channels, true, height, width);
    float[] full = new float[height * width * channels];
    run(input, 1, 1, 1f, full, null, null);
    float[] even = new float[4 * channels];
    float[] odd = new float[4 * channels];

    run(input, 1, 1, 1f, null, even, odd);

    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int c = 0; c < channels; c++) {
          assertThat(even[(i * 2 + j) * channels + c])
              .isEqualTo(full[((2 * i) * width + 2 * j) * channels + c]);
          assertThat(odd[(i * 2 + j) * channels + c])
              .isEqualTo(full[((2 * i + 1) * width + 2 * j + 1) * channels + c]);
        }
      }
    }
  }

  private record Result(float[] full, SpikeRaster raster, long count) {}

  @Test
  void theVectorisedStepEqualsTheReferenceStepBitForBit() {
    // inputs of every kind: random over a wide range, exactly at the threshold after one step
    // (I = tau * th from u = 0 needs decay 1/tau exact), one float either side, zeros of both
    // signs, large values
    float[] thresholds = {0.5f, 0.3f, 1f, 7.25f, 1e-3f, 0x1p-90f, 1e-35f};
    float[] decays = {0.5f, 0.25f, 1f / 3f, 1f};
    SplittableRandom random = new SplittableRandom(42);
    int length = 4096;
    for (float threshold : thresholds) {
      for (float decay : decays) {
        float[] fast = new float[length];
        float[] reference = new float[length];
        float[] fastSpikes = new float[length];
        float[] referenceSpikes = new float[length];
        long fired = 0;
        for (int step = 0; step < 6; step++) {
          float[] current = new float[length];
          for (int i = 0; i < length; i++) {
            current[i] =
                switch (i % 8) {
                  case 0 -> threshold / decay;
                  case 1 -> Math.nextUp(threshold / decay);
                  case 2 -> Math.nextDown(threshold / decay);
                  case 3 -> threshold * (float) random.nextDouble(0, 3);
                  case 4 -> (float) random.nextDouble(-2, 2);
                  case 5 -> i % 16 == 5 ? -0f : 0f;
                  case 6 -> (float) random.nextDouble(-1e30, 1e30);
                  default -> (float) random.nextDouble(0, 2 * threshold / decay);
                };
          }
          LifKernel.step(current, fast, fastSpikes, length, decay, threshold);
          LifKernel.referenceStep(current, reference, referenceSpikes, length, decay, threshold);
          assertThat(bits(fastSpikes))
              .as("spikes, threshold %s decay %s step %d", threshold, decay, step)
              .containsExactly(bits(referenceSpikes));
          assertThat(bits(fast))
              .as("membranes, threshold %s decay %s step %d", threshold, decay, step)
              .containsExactly(bits(reference));
          for (float spike : fastSpikes) {
            fired += spike == 1f ? 1 : 0;
          }
        }
        assertThat(fired).as("threshold %s decay %s", threshold, decay).isPositive();
      }
    }
  }

  @Test
  void aNeuronLandingExactlyOnTheThresholdFiresInTheVectorisedStep() {
    // u = 0, decay 1/2, I = 2 th: v = th exactly, H(0) = 1; one float lower: v < th
    float threshold = 0.3f;
    float[] current = {2 * threshold, Math.nextDown(2 * threshold)};
    float[] membrane = new float[2];
    float[] spikes = new float[2];

    LifKernel.step(current, membrane, spikes, 2, 0.5f, threshold);

    assertThat(spikes).containsExactly(1f, 0f);
    assertThat(membrane).containsExactly(0f, Math.nextDown(2 * threshold) * 0.5f);
  }

  @Test
  void plainAndInterleavedRastersHoldTheSameSpikes() {
    int samples = 3;
    int steps = 2;
    int height = 16;
    int width = 16;
    int channels = 8; // blocks of 8 rows (1,024 neurons), each interleaved in 16 words
    int neurons = height * width * channels;
    float[] source = randomInput(new SplittableRandom(8), steps * samples * neurons, 0f, 1.6f);
    LifKernel.Input input = singleSource(source, channels, false, height, width);
    SpikeRaster plain = new SpikeRaster(samples, steps, neurons);
    // the Java 17 loops' layout (the vector kernel packs the plain one)
    SpikeRaster interleaved = LifKernel.raster(samples, steps, height, width, channels, null);
    LifKernel.Output output =
        LifKernel.Output.full(FloatBuffer.wrap(new float[steps * samples * neurons]));

    long plainCount = LifKernel.run(input, steps, samples, 2f, THRESHOLD, output, plain, null);
    long interleavedCount =
        LifKernel.run(input, steps, samples, 2f, THRESHOLD, output, interleaved, null);

    assertThat(interleaved.blockNeurons()).isPositive();
    assertThat(interleavedCount).isEqualTo(plainCount).isPositive();
    int differentWords = 0;
    for (int b = 0; b < samples; b++) {
      for (int t = 0; t < steps; t++) {
        for (int n = 0; n < neurons; n++) {
          assertThat(interleaved.spiked(b, t, n))
              .as("sample %d step %d neuron %d", b, t, n)
              .isEqualTo(plain.spiked(b, t, n));
        }
        // the same bits, in another order within the step
        for (int w = 0; w < plain.wordsPerStep(); w++) {
          int at = plain.wordIndex(b, t) + w;
          differentWords += plain.word(at) != interleaved.word(at) ? 1 : 0;
        }
      }
    }
    assertThat(differentWords).isPositive();
  }

  @Test
  void anInterleavedRasterOfOtherBlocksIsRejected() {
    float[] source = new float[16 * 16 * 8];
    LifKernel.Input input = singleSource(source, 8, true, 16, 16);
    SpikeRaster wrong = new SpikeRaster(1, 1, 16 * 16 * 8, 64);

    assertThatThrownBy(
            () ->
                LifKernel.run(
                    input,
                    1,
                    1,
                    2f,
                    THRESHOLD,
                    LifKernel.Output.full(FloatBuffer.wrap(new float[source.length])),
                    wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interleaved in blocks of 64 neurons");
  }

  /** The input of one source of {@code channels} channels. */
  private static LifKernel.Input singleSource(
      float[] source, int channels, boolean timeInvariant, int height, int width) {
    return LifKernel.Input.of(
        new float[][] {source}, new int[] {channels}, new boolean[] {timeInvariant}, height, width);
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  private static Result run(LifKernel.Input input, int steps, int samples, float tau) {
    int neurons = input.height() * input.width() * input.channelsTotal();
    float[] full = new float[steps * samples * neurons];
    return run(input, steps, samples, tau, full, null, null);
  }

  private static Result run(
      LifKernel.Input input,
      int steps,
      int samples,
      float tau,
      float[] full,
      float[] even,
      float[] odd) {
    // the layout the simulator uses: interleaved wherever the kernel's blocks are whole words
    SpikeRaster raster =
        LifKernel.raster(samples, steps, input.height(), input.width(), input.channelsTotal());
    long count =
        LifKernel.run(
            input,
            steps,
            samples,
            tau,
            THRESHOLD,
            new LifKernel.Output(wrap(full), wrap(even), wrap(odd)),
            raster);
    return new Result(full, raster, count);
  }

  private static FloatBuffer wrap(float[] array) {
    return array == null ? null : FloatBuffer.wrap(array);
  }

  /** The LIF definition, one neuron at a time, in the kernel's float arithmetic. */
  private static float[] reference(
      float[][] sources,
      int[] channels,
      boolean[] timeInvariant,
      int height,
      int width,
      int steps,
      int samples,
      float tau) {
    int pixels = height * width;
    int total = java.util.Arrays.stream(channels).sum();
    float[] out = new float[steps * samples * pixels * total];
    float decay = 1f / tau;
    for (int b = 0; b < samples; b++) {
      int offset = 0;
      for (int j = 0; j < sources.length; j++) {
        int cj = channels[j];
        for (int p = 0; p < pixels; p++) {
          for (int c = 0; c < cj; c++) {
            float u = 0f;
            for (int t = 0; t < steps; t++) {
              int row = timeInvariant[j] ? b : t * samples + b;
              float in = sources[j][(row * pixels + p) * cj + c];
              u = u + (in - u) * decay;
              boolean spike = u >= THRESHOLD;
              out[((t * samples + b) * pixels + p) * total + offset + c] = spike ? 1f : 0f;
              if (spike) {
                u = 0f;
              }
            }
          }
        }
        offset += cj;
      }
    }
    return out;
  }

  private static float[] randomInput(SplittableRandom random, int length, float low, float high) {
    float[] values = new float[length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(low, high);
    }
    return values;
  }
}

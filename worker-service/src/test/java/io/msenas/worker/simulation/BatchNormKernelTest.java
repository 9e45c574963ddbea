package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.network.Phenotype.Clamp;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link BatchNormKernel}: batch statistics per channel over all positions (biased variance, eps
 * 1e-5, scale 1, shift 0), then the E/I sign clamp, then the write into a node.
 */
class BatchNormKernelTest {

  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest(name = "{0} positions x {1} channels")
  @CsvSource({
    "1237, 3", // 1237 is prime: not a multiple of any block or tile size
    "1237, 8",
    "1237, 48",
    "517, 300", // more channels than one tile of 256 floats
    "2, 8", // fewer positions than threads
  })
  void normalisesEachChannelToMeanZeroAndUnitVariance(int positions, int channels) {
    float[] x = channelData(new SplittableRandom(positions * 31L + channels), positions, channels);
    float[] y = new float[positions * channels];

    BatchNormKernel.normaliseInto(x, positions, channels, Clamp.NONE, y, channels, 0, true);

    double[] expected = reference(x, positions, channels);
    for (int i = 0; i < y.length; i++) {
      assertThat((double) y[i]).as("element %d", i).isCloseTo(expected[i], within(TOLERANCE));
    }
    for (int c = 0; c < channels; c++) {
      double mean = 0;
      double square = 0;
      for (int p = 0; p < positions; p++) {
        mean += y[p * channels + c];
        square += (double) y[p * channels + c] * y[p * channels + c];
      }
      mean /= positions;
      double variance = square / positions - mean * mean;
      double rawVariance = rawVariance(x, positions, channels, c);
      assertThat(mean).as("mean of channel %d", c).isCloseTo(0.0, within(TOLERANCE));
      // (x - mean) / sqrt(var + eps) has variance var / (var + eps)
      assertThat(variance)
          .as("variance of channel %d", c)
          .isCloseTo(rawVariance / (rawVariance + BatchNormKernel.EPSILON), within(TOLERANCE));
    }
  }

  @Test
  void aConstantChannelNormalisesToZeroWithoutDividingByZero() {
    int positions = 700;
    float[] x = new float[positions * 2];
    for (int p = 0; p < positions; p++) {
      x[2 * p] = 0.75f; // constant channel
      x[2 * p + 1] = p % 2 == 0 ? 1f : -1f; // mean 0, variance 1
    }
    float[] y = new float[x.length];

    BatchNormKernel.normaliseInto(x, positions, 2, Clamp.NONE, y, 2, 0, true);

    for (int p = 0; p < positions; p++) {
      assertThat(y[2 * p]).isCloseTo(0f, within(1e-4f));
      // 1 / sqrt(1 + 1e-5) = 0.999995
      assertThat((double) y[2 * p + 1])
          .isCloseTo((p % 2 == 0 ? 1 : -1) / Math.sqrt(1 + 1e-5), within(1e-6));
    }
  }

  @ParameterizedTest(name = "{0} channels")
  @CsvSource({"3", "8", "48"})
  void excitatoryClampKeepsThePositivePartAndIsNeverNegative(int channels) {
    int positions = 1237;
    float[] x = channelData(new SplittableRandom(channels), positions, channels);
    float[] y = new float[positions * channels];

    BatchNormKernel.normaliseInto(x, positions, channels, Clamp.EXCITATORY, y, channels, 0, true);

    double[] normalised = reference(x, positions, channels);
    int zeros = 0;
    for (int i = 0; i < y.length; i++) {
      assertThat((double) y[i])
          .as("element %d", i)
          .isCloseTo(Math.max(normalised[i], 0), within(TOLERANCE));
      assertThat(y[i] >= 0f).as("element %d = %s is not negative", i, y[i]).isTrue();
      zeros += y[i] == 0f ? 1 : 0;
    }
    // about half the values of a roughly symmetric distribution are clamped
    assertThat(zeros).isBetween(y.length / 4, 3 * y.length / 4);
  }

  @ParameterizedTest(name = "{0} channels")
  @CsvSource({"3", "8", "48"})
  void inhibitoryClampKeepsTheNegativePartAndIsNeverPositive(int channels) {
    int positions = 1237;
    float[] x = channelData(new SplittableRandom(100 + channels), positions, channels);
    float[] y = new float[positions * channels];

    BatchNormKernel.normaliseInto(x, positions, channels, Clamp.INHIBITORY, y, channels, 0, true);

    double[] normalised = reference(x, positions, channels);
    int zeros = 0;
    for (int i = 0; i < y.length; i++) {
      assertThat((double) y[i])
          .as("element %d", i)
          .isCloseTo(Math.min(normalised[i], 0), within(TOLERANCE));
      assertThat(y[i] <= 0f).as("element %d = %s is not positive", i, y[i]).isTrue();
      zeros += y[i] == 0f ? 1 : 0;
    }
    assertThat(zeros).isBetween(y.length / 4, 3 * y.length / 4);
  }

  @Test
  void addsToTheTargetWhenNotOverwriting() {
    int positions = 1031;
    int channels = 8;
    float[] x = channelData(new SplittableRandom(4), positions, channels);
    float[] target = new float[positions * channels];
    for (int i = 0; i < target.length; i++) {
      target[i] = 10f + (i % 17) * 0.25f;
    }
    float[] before = target.clone();

    BatchNormKernel.normaliseInto(
        x, positions, channels, Clamp.EXCITATORY, target, channels, 0, false);

    double[] normalised = reference(x, positions, channels);
    for (int i = 0; i < target.length; i++) {
      assertThat((double) target[i])
          .as("element %d", i)
          .isCloseTo(before[i] + Math.max(normalised[i], 0), within(TOLERANCE));
    }
  }

  @ParameterizedTest(name = "overwrite {0}")
  @CsvSource({"true", "false"})
  void writesOnlyItsChannelsOfAWiderTarget(boolean overwrite) {
    int positions = 1237;
    int channels = 3;
    int targetChannels = 11;
    int offset = 5;
    float[] x = channelData(new SplittableRandom(6), positions, channels);
    float sentinel = -7.25f;
    float[] target = new float[positions * targetChannels];
    Arrays.fill(target, sentinel);

    BatchNormKernel.normaliseInto(
        x, positions, channels, Clamp.NONE, target, targetChannels, offset, overwrite);

    double[] normalised = reference(x, positions, channels);
    double base = overwrite ? 0 : sentinel;
    for (int p = 0; p < positions; p++) {
      for (int c = 0; c < targetChannels; c++) {
        float value = target[p * targetChannels + c];
        if (c >= offset && c < offset + channels) {
          assertThat((double) value)
              .as("position %d channel %d", p, c)
              .isCloseTo(base + normalised[p * channels + c - offset], within(TOLERANCE));
        } else {
          assertThat(value).as("position %d channel %d, outside [5, 8)", p, c).isEqualTo(sentinel);
        }
      }
    }
  }

  @Test
  void readsItsInputWithoutChangingIt() {
    int positions = 600;
    int channels = 8;
    float[] x = channelData(new SplittableRandom(9), positions, channels);
    float[] copy = x.clone();

    BatchNormKernel.normaliseInto(
        x, positions, channels, Clamp.INHIBITORY, new float[x.length], channels, 0, true);

    assertThat(x).containsExactly(copy);
  }

  /** Per-channel data with its own mean in [-3, 3] and spread in [0.5, 2]. */
  private static float[] channelData(SplittableRandom random, int positions, int channels) {
    double[] means = new double[channels];
    double[] spreads = new double[channels];
    for (int c = 0; c < channels; c++) {
      means[c] = random.nextDouble(-3, 3);
      spreads[c] = random.nextDouble(0.5, 2);
    }
    float[] x = new float[positions * channels];
    for (int p = 0; p < positions; p++) {
      for (int c = 0; c < channels; c++) {
        x[p * channels + c] = (float) (means[c] + spreads[c] * random.nextGaussian());
      }
    }
    return x;
  }

  /** (x - mean) / sqrt(biased variance + eps), per channel, in doubles. */
  private static double[] reference(float[] x, int positions, int channels) {
    double[] y = new double[positions * channels];
    for (int c = 0; c < channels; c++) {
      double mean = 0;
      for (int p = 0; p < positions; p++) {
        mean += x[p * channels + c];
      }
      mean /= positions;
      double variance = rawVariance(x, positions, channels, c);
      double inv = 1 / Math.sqrt(variance + 1e-5);
      for (int p = 0; p < positions; p++) {
        y[p * channels + c] = (x[p * channels + c] - mean) * inv;
      }
    }
    return y;
  }

  private static double rawVariance(float[] x, int positions, int channels, int c) {
    double mean = 0;
    for (int p = 0; p < positions; p++) {
      mean += x[p * channels + c];
    }
    mean /= positions;
    double square = 0;
    for (int p = 0; p < positions; p++) {
      double d = x[p * channels + c] - mean;
      square += d * d;
    }
    return square / positions;
  }
}

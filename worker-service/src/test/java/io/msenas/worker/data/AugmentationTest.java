package io.msenas.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

  // 2 frames of 3 x 3 pixels, 2 channels: value = 100 frame + 10 (3 row + col) + channel
  private static final SampleGeometry GEOMETRY = new SampleGeometry(2, 3, 2);

  private static float[] sample() {
    float[] values = new float[GEOMETRY.valuesPerSample()];
    for (int f = 0; f < 2; f++) {
      for (int p = 0; p < 9; p++) {
        for (int c = 0; c < 2; c++) {
          values[(f * 9 + p) * 2 + c] = 100 * f + 10 * p + c + 1;
        }
      }
    }
    return values;
  }

  private static float v(int frame, int row, int col, int channel) {
    return 100 * frame + 10 * (3 * row + col) + channel + 1;
  }

  private static float[] transformed(int shiftY, int shiftX, boolean flip) {
    float[] out = new float[GEOMETRY.valuesPerSample()];
    Augmentation.transform(sample(), 0, GEOMETRY, shiftY, shiftX, flip, out, 0);
    return out;
  }

  @Test
  void cropShiftsTheWindowAndFillsWithZeros() {
    // shift (1, -1): out[y][x] = in[y + 1][x - 1]
    float[] out = transformed(1, -1, false);

    for (int f = 0; f < 2; f++) {
      for (int c = 0; c < 2; c++) {
        float[] expected = {
          0, v(f, 1, 0, c), v(f, 1, 1, c),
          0, v(f, 2, 0, c), v(f, 2, 1, c),
          0, 0, 0,
        };
        assertThat(plane(out, f, c)).as("frame %d channel %d", f, c).containsExactly(expected);
      }
    }
  }

  @Test
  void flipMirrorsColumnsAfterTheCrop() {
    float[] flipped = transformed(0, 0, true);
    float[] both = transformed(0, 1, true);

    assertThat(plane(flipped, 1, 0))
        .containsExactly(
            v(1, 0, 2, 0),
            v(1, 0, 1, 0),
            v(1, 0, 0, 0),
            v(1, 1, 2, 0),
            v(1, 1, 1, 0),
            v(1, 1, 0, 0),
            v(1, 2, 2, 0),
            v(1, 2, 1, 0),
            v(1, 2, 0, 0));
    // crop by one column to the right (in[y][x + 1]), then mirror: out[y][x] = in[y][3 - x]
    assertThat(plane(both, 0, 1))
        .containsExactly(
            0,
            v(0, 0, 2, 1),
            v(0, 0, 1, 1),
            0,
            v(0, 1, 2, 1),
            v(0, 1, 1, 1),
            0,
            v(0, 2, 2, 1),
            v(0, 2, 1, 1));
  }

  @Test
  void noShiftAndNoFlipIsTheIdentity() {
    assertThat(transformed(0, 0, false)).containsExactly(sample());
  }

  @Test
  void sameSeedSameAugmentation() {
    SampleGeometry cifar = new SampleGeometry(1, 32, 3);
    float[] image = new float[cifar.valuesPerSample()];
    for (int i = 0; i < image.length; i++) {
      image[i] = i;
    }
    float[] a = new float[image.length];
    float[] b = new float[image.length];
    SplittableRandom first = new SplittableRandom(42);
    SplittableRandom second = new SplittableRandom(42);

    for (int draw = 0; draw < 20; draw++) {
      Augmentation.CIFAR.apply(image, 0, cifar, first, a, 0);
      Augmentation.CIFAR.apply(image, 0, cifar, second, b, 0);
      assertThat(a).as("draw %d", draw).containsExactly(b);
    }
  }

  @Test
  void drawsEveryCropOffsetAndFlipsAboutHalfTheTime() {
    // a 9 x 9 one-channel image with a single marked pixel at the centre: where it lands tells
    // the draw
    SampleGeometry geometry = new SampleGeometry(1, 9, 1);
    float[] image = new float[81];
    image[4 * 9 + 4] = 1;
    float[] out = new float[81];
    SplittableRandom random = new SplittableRandom(7);
    Set<Integer> positions = new HashSet<>();
    int n = 20_000;
    int[] perColumn = new int[9];
    for (int i = 0; i < n; i++) {
      Augmentation.CIFAR.apply(image, 0, geometry, random, out, 0);
      int at = indexOfOne(out);
      positions.add(at);
      perColumn[at % 9]++;
    }

    // shifts -4..4 in each direction move the centre pixel over the whole 9 x 9 image
    assertThat(positions).hasSize(81);
    // with the flip the column is uniform over 0..8 too: 1/9 each, within 5 standard deviations
    for (int col = 0; col < 9; col++) {
      double sd = Math.sqrt(n * (1 / 9.0) * (8 / 9.0));
      assertThat((double) perColumn[col]).isBetween(n / 9.0 - 5 * sd, n / 9.0 + 5 * sd);
    }
  }

  @Test
  void eventAugmentationNeverFlips() {
    SampleGeometry geometry = new SampleGeometry(3, 9, 2);
    float[] sample = new float[geometry.valuesPerSample()];
    // frame f marks column 0 of row 4, channel 1: a flip would move it to column 8 - shift
    for (int f = 0; f < 3; f++) {
      sample[(f * 81 + 4 * 9) * 2 + 1] = f + 1;
    }
    float[] out = new float[sample.length];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      Augmentation.EVENTS.apply(sample, 0, geometry, random, out, 0);
      int first = -1;
      for (int f = 0; f < 3; f++) {
        int at = -1;
        for (int k = 0; k < 162; k++) {
          if (out[f * 162 + k] != 0) {
            at = k;
          }
        }
        if (at >= 0) {
          assertThat(out[f * 162 + at]).isEqualTo(f + 1);
          // every frame gets the same crop
          first = first < 0 ? at : first;
          assertThat(at).isEqualTo(first);
          assertThat((at / 2) % 9).as("column").isLessThanOrEqualTo(4);
        }
      }
    }
  }

  @Test
  void noneDrawsNothing() {
    SplittableRandom used = new SplittableRandom(5);
    SplittableRandom fresh = new SplittableRandom(5);
    float[] out = new float[GEOMETRY.valuesPerSample()];

    Augmentation.NONE.apply(sample(), 0, GEOMETRY, used, out, 0);

    assertThat(out).containsExactly(sample());
    assertThat(used.nextLong()).isEqualTo(fresh.nextLong());
  }

  @Test
  void rejectsNegativePaddingAndShiftsLargerThanTheImage() {
    assertThatThrownBy(() -> new Augmentation(-1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("padding must be >= 0, was -1");
    assertThatThrownBy(() -> transformed(3, 0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a shift of (3, 0) moves a 3 x 3 image out of its window");
  }

  private static float[] plane(float[] values, int frame, int channel) {
    float[] plane = new float[9];
    for (int p = 0; p < 9; p++) {
      plane[p] = values[(frame * 9 + p) * 2 + channel];
    }
    return plane;
  }

  private static int indexOfOne(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == 1) {
        return i;
      }
    }
    throw new AssertionError("the marked pixel was cropped away");
  }
}

package io.msenas.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventFramesTest {

  @Test
  void framesHoldEqualEventCountsWithTheRemainderInTheLast() {
    assertThat(EventFrames.frameStarts(10, 3)).containsExactly(0, 3, 6, 10);
    assertThat(EventFrames.frameStarts(9, 3)).containsExactly(0, 3, 6, 9);
    assertThat(EventFrames.frameStarts(10, 1)).containsExactly(0, 10);
    // fewer events than frames: all in the last frame, as SpikingJelly's split_by='number'
    assertThat(EventFrames.frameStarts(2, 3)).containsExactly(0, 0, 0, 2);
    assertThat(EventFrames.frameStarts(0, 2)).containsExactly(0, 0, 0);
  }

  @Test
  void countsEventsPerFramePolarityAndPixel() {
    PolarityEvents events =
        events(
            new int[][] {
              // x, y, polarity
              {1, 2, 1},
              {1, 2, 1},
              {1, 2, 0}, // frame 0
              {3, 0, 0},
              {3, 0, 0},
              {0, 3, 1}, // frame 1
              {2, 2, 1},
              {2, 2, 1},
              {2, 2, 1},
              {2, 2, 0}, // frame 2 takes the remainder
            });

    int[] counts = EventFrames.counts(events, 3, 4);

    int[] expected = new int[3 * 2 * 16];
    expected[at(0, 1, 2, 1)] = 2;
    expected[at(0, 0, 2, 1)] = 1;
    expected[at(1, 0, 0, 3)] = 2;
    expected[at(1, 1, 3, 0)] = 1;
    expected[at(2, 1, 2, 2)] = 3;
    expected[at(2, 0, 2, 2)] = 1;
    assertThat(counts).containsExactly(expected);
  }

  @Test
  void areaWeightsFor128To48AreMultiplesOfOneEighth() {
    AreaResize resize = new AreaResize(128, 48);

    // output 0 covers [0, 8/3): pixels 0 and 1 whole, 2/3 of pixel 2; s = 8/3
    assertThat(resize.weight(0, 0)).isEqualTo(3 / 8.0);
    assertThat(resize.weight(0, 1)).isEqualTo(3 / 8.0);
    assertThat(resize.weight(0, 2)).isEqualTo(2 / 8.0);
    assertThat(resize.weight(0, 3)).isZero();
    // output 1 covers [8/3, 16/3): 1/3 of pixel 2, pixels 3 and 4, 1/3 of pixel 5
    assertThat(resize.weight(1, 2)).isEqualTo(1 / 8.0);
    assertThat(resize.weight(1, 3)).isEqualTo(3 / 8.0);
    assertThat(resize.weight(1, 4)).isEqualTo(3 / 8.0);
    assertThat(resize.weight(1, 5)).isEqualTo(1 / 8.0);
    // output 47 covers [376/3, 128): 2/3 of pixel 125, pixels 126 and 127
    assertThat(resize.weight(47, 125)).isEqualTo(2 / 8.0);
    assertThat(resize.weight(47, 127)).isEqualTo(3 / 8.0);
    for (int i = 0; i < 48; i++) {
      double sum = 0;
      for (int k = 0; k < 128; k++) {
        sum += resize.weight(i, k);
      }
      assertThat(sum).as("weights of output %d", i).isEqualTo(1.0);
    }
  }

  @Test
  void resizesASmallMapByHand() {
    // 4 -> 3: s = 4/3; output 0 = 3/4 p0 + 1/4 p1, output 1 = 1/2 p1 + 1/2 p2, output 2 = 1/4 p2 +
    // 3/4 p3, in each direction
    AreaResize resize = new AreaResize(4, 3);
    int[] map = {
      4, 0, 0, 0,
      0, 0, 0, 0,
      0, 0, 8, 0,
      0, 0, 0, 16,
    };
    float[] out = new float[9];

    resize.apply(map, 0, out, 0, 1);

    float[] expected = {
      4 * 9 / 16f, 0, 0, 0, 8 * 1 / 4f, 8 * 1 / 8f, 0, 8 * 1 / 8f, 8 * 1 / 16f + 16 * 9 / 16f,
    };
    assertThat(out).containsExactly(expected);
  }

  @Test
  void sameSizeResizeIsTheIdentity() {
    int[] map = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] out = new float[9];

    new AreaResize(3, 3).apply(map, 0, out, 0, 1);

    assertThat(out).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void oneEventSpreadsOverTheOutputPixelsItOverlaps() {
    // pixel (x 2, y 2): 2/8 in output 0 and 1/8 in output 1, in each direction
    float[] frames = frames(events(new int[][] {{2, 2, 1}}), 1);

    float[] expected = new float[48 * 48 * 2];
    expected[nhwc(0, 0, 0, 1)] = 4 / 64f;
    expected[nhwc(0, 0, 1, 1)] = 2 / 64f;
    expected[nhwc(0, 1, 0, 1)] = 2 / 64f;
    expected[nhwc(0, 1, 1, 1)] = 1 / 64f;
    assertThat(frames).containsExactly(expected);
  }

  @Test
  void cornerEventsLandInTheCornerPixels() {
    // (x 127, y 0) OFF and (x 0, y 127) ON: 3/8 x 3/8 in the far corners
    float[] frames = frames(events(new int[][] {{127, 0, 0}, {0, 127, 1}}), 1);

    assertThat(frames[nhwc(0, 0, 47, 0)]).isEqualTo(9 / 64f);
    assertThat(frames[nhwc(0, 47, 0, 1)]).isEqualTo(9 / 64f);
    assertThat(sum(frames)).isEqualTo(2 * 9 / 64.0);
  }

  @Test
  void framesAreNhwcWithOneFramePerStepAndKeepEachFramesMass() {
    // 7 events, T = 3: frames of 2, 2 and 3 events
    PolarityEvents events =
        events(
            new int[][] {
              {10, 10, 1},
              {20, 20, 1},
              {30, 30, 0},
              {40, 40, 0},
              {50, 50, 1},
              {60, 60, 0},
              {70, 70, 0},
            });

    float[] frames = frames(events, 3);

    assertThat(frames).hasSize(3 * 48 * 48 * 2);
    // the area filter keeps each frame's count times (48/128)^2 = 9/64 in each channel
    assertThat(channelSum(frames, 0, 1)).isEqualTo(2 * 9 / 64.0);
    assertThat(channelSum(frames, 0, 0)).isZero();
    assertThat(channelSum(frames, 1, 0)).isEqualTo(2 * 9 / 64.0);
    assertThat(channelSum(frames, 1, 1)).isZero();
    assertThat(channelSum(frames, 2, 0)).isEqualTo(2 * 9 / 64.0);
    assertThat(channelSum(frames, 2, 1)).isEqualTo(9 / 64.0);
    // pixel 50 is 2/3 in output 18 ([48, 50.67)) and 1/3 in output 19: weights 2/8 and 1/8
    assertThat(frames[nhwc(2, 18, 18, 1)]).isEqualTo(4 / 64f);
    assertThat(frames[nhwc(2, 18, 19, 1)]).isEqualTo(2 / 64f);
    assertThat(frames[nhwc(2, 19, 19, 1)]).isEqualTo(1 / 64f);
  }

  @Test
  void rejectsEventsOutsideTheMap() {
    assertThatThrownBy(() -> EventFrames.counts(events(new int[][] {{4, 0, 1}}), 1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event 0 at (x 4, y 0) is outside the 4 x 4 sensor");
    assertThatThrownBy(() -> EventFrames.frameStarts(3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frames must be >= 1, was 0");
  }

  static PolarityEvents events(int[][] xyp) {
    PolarityEvents.Builder builder = new PolarityEvents.Builder();
    for (int i = 0; i < xyp.length; i++) {
      builder.add(xyp[i][0], xyp[i][1], xyp[i][2], i);
    }
    return builder.build();
  }

  static float[] frames(PolarityEvents events, int frames) {
    float[] out = new float[frames * 48 * 48 * 2];
    EventFrames.frames(events, frames, out, 0);
    return out;
  }

  /** Index in [T][2][4][4] counts. */
  private static int at(int frame, int polarity, int y, int x) {
    return ((frame * 2 + polarity) * 4 + y) * 4 + x;
  }

  /** Index in [T][48][48][2] frames. */
  static int nhwc(int frame, int row, int col, int channel) {
    return ((frame * 48 + row) * 48 + col) * 2 + channel;
  }

  static double sum(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum;
  }

  static double channelSum(float[] frames, int frame, int channel) {
    double sum = 0;
    for (int row = 0; row < 48; row++) {
      for (int col = 0; col < 48; col++) {
        sum += frames[nhwc(frame, row, col, channel)];
      }
    }
    return sum;
  }
}

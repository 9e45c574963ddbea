package io.msenas.worker.data;

/**
 * Turns the events of one sample into T frames of counts, 2 polarity channels, resized from the 128
 * x 128 sensor to 48 x 48 (ALGORITHM section 2).
 *
 * <p>Framing by equal event counts (SpikingJelly's {@code frames_number = T, split_by = 'number'}):
 * with N events in file order, frame {@code j < T - 1} holds events {@code [j * floor(N / T), (j +
 * 1) * floor(N / T))} and the last frame the rest, up to N; with fewer than T events all fall in
 * the last frame. Each frame counts, per polarity (channel 0 = OFF, 1 = ON) and pixel, the events
 * at that pixel, and each count map is resized by {@link AreaResize} (area averaging: a frame value
 * is the mean count per sensor pixel under the output pixel). Output: {@code [T][48][48][2]}
 * floats, NHWC per frame. Stateless and thread-safe.
 */
final class EventFrames {

  static final int SENSOR_SIZE = 128;
  static final int FRAME_SIZE = 48;
  static final int CHANNELS = 2;

  private static final AreaResize RESIZE = new AreaResize(SENSOR_SIZE, FRAME_SIZE);

  private EventFrames() {}

  /** The geometry of framed event samples. */
  static SampleGeometry geometry(int frames) {
    return new SampleGeometry(frames, FRAME_SIZE, CHANNELS);
  }

  /**
   * The first event index of each frame, plus N at the end ({@code frames + 1} entries).
   *
   * @throws IllegalArgumentException if {@code frames < 1} or {@code events < 0}
   */
  static int[] frameStarts(int events, int frames) {
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be >= 1, was " + frames);
    }
    if (events < 0) {
      throw new IllegalArgumentException("events must be >= 0, was " + events);
    }
    int per = events / frames;
    int[] starts = new int[frames + 1];
    for (int j = 0; j < frames; j++) {
      starts[j] = j * per;
    }
    starts[frames] = events;
    return starts;
  }

  /**
   * Event counts at sensor resolution: {@code [frames][2][size][size]}, polarity-major within a
   * frame, rows then columns ({@code y}, {@code x}).
   */
  static int[] counts(PolarityEvents events, int frames, int sensorSize) {
    int[] starts = frameStarts(events.size(), frames);
    int plane = sensorSize * sensorSize;
    int[] counts = new int[frames * CHANNELS * plane];
    for (int f = 0; f < frames; f++) {
      for (int e = starts[f]; e < starts[f + 1]; e++) {
        int x = events.x(e);
        int y = events.y(e);
        if (x >= sensorSize || y >= sensorSize) {
          throw new IllegalArgumentException(
              String.format(
                  "event %d at (x %d, y %d) is outside the %d x %d sensor",
                  e, x, y, sensorSize, sensorSize));
        }
        counts[((f * CHANNELS + events.polarity(e)) * sensorSize + y) * sensorSize + x]++;
      }
    }
    return counts;
  }

  /** Writes the {@code [frames][48][48][2]} frames of {@code events} at {@code dst[offset]}. */
  static void frames(PolarityEvents events, int frames, float[] dst, int offset) {
    resize(counts(events, frames, SENSOR_SIZE), frames, RESIZE, dst, offset);
  }

  /** Resizes {@code [frames][2][in][in]} counts into {@code [frames][out][out][2]} at dst. */
  static void resize(int[] counts, int frames, AreaResize resize, float[] dst, int offset) {
    int inPlane = resize.in() * resize.in();
    int outFrame = resize.out() * resize.out() * CHANNELS;
    for (int f = 0; f < frames; f++) {
      for (int c = 0; c < CHANNELS; c++) {
        resize.apply(
            counts, (f * CHANNELS + c) * inPlane, dst, offset + f * outFrame + c, CHANNELS);
      }
    }
  }
}

package io.msenas.worker.data;

/**
 * The shape of one sample as the data sets hand it out: {@code frames} frames of {@code size x
 * size} pixels with {@code channels} channels each.
 *
 * <p>Layout of one sample: frames outermost, then rows, columns and channels (NHWC within a frame,
 * the simulator's layout). A static image has one frame, fed at every time step (direct encoding);
 * event data has one frame per time step.
 *
 * @param frames frames per sample: 1 for static images, T for event data
 * @param size height and width in pixels
 * @param channels channels per pixel: 1 for MNIST, 3 (R, G, B) for CIFAR, 2 (OFF, ON) for events
 */
public record SampleGeometry(int frames, int size, int channels) {

  /** Validates that every dimension is positive and that a sample fits in one array. */
  public SampleGeometry {
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be >= 1, was " + frames);
    }
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1, was " + size);
    }
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be >= 1, was " + channels);
    }
    if ((long) frames * size * size * channels > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          String.format(
              "a sample of %d frames of %d x %d x %d values does not fit in one array",
              frames, size, size, channels));
    }
  }

  /** Values in one frame: {@code size * size * channels}. */
  public int valuesPerFrame() {
    return size * size * channels;
  }

  /** Values in one sample: {@code frames * valuesPerFrame()}. */
  public int valuesPerSample() {
    return frames * valuesPerFrame();
  }
}

package io.msenas.worker.training;

/**
 * The geometry of one sample.
 *
 * @param height rows, after any padding the network expects
 * @param width columns
 * @param channels channels per pixel (1 for MNIST, 3 for CIFAR, 2 for DVS polarities)
 * @param frames 0 for a static image fed at every time step (direct encoding); otherwise the number
 *     of per-step frames, which must equal the network's T
 */
public record InputShape(int height, int width, int channels, int frames) {

  public InputShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "height, width and channels must be >= 1, were "
              + height
              + ", "
              + width
              + ", "
              + channels);
    }
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0, was " + frames);
    }
  }

  /** A static image. */
  public static InputShape image(int height, int width, int channels) {
    return new InputShape(height, width, channels, 0);
  }

  /** Whether each time step has its own frame. */
  public boolean perStepFrames() {
    return frames > 0;
  }

  /** Floats in one frame. */
  public int frameLength() {
    return height * width * channels;
  }

  /** Floats in one sample: one frame for a static image, else frames x frame length. */
  public int sampleLength() {
    return frameLength() * Math.max(1, frames);
  }
}

package io.msenas.worker.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training-time augmentation of ALGORITHM section 6: a random crop after zero padding, and for
 * CIFAR a random horizontal flip.
 *
 * <p>Crop: the sample is padded with {@code padding} zero pixels on every side and a window of the
 * original size is taken at offset ({@code dy}, {@code dx}), each drawn uniformly from {@code 0 ..
 * 2 * padding}; so {@code out[y][x] = in[y + dy - padding][x + dx - padding]}, or 0 where that
 * falls outside the image. Flip (after the crop): {@code out[y][x] = cropped[y][size - 1 - x]}.
 * Every frame of a sample gets the same crop and flip, so event frames stay aligned in time.
 *
 * <p>Draws, per sample and in this order: {@code dy = random.nextInt(2 * padding + 1)} and {@code
 * dx = random.nextInt(2 * padding + 1)} when {@code padding > 0}, then {@code flip =
 * random.nextBoolean()} when {@code horizontalFlip}. Nothing is drawn for {@link #NONE}, so the
 * same seed gives the same samples whatever else the caller draws before or after.
 *
 * @param padding zero pixels added on each side before cropping; 0 for no crop
 * @param horizontalFlip whether to mirror left-right with probability 1/2
 */
public record Augmentation(int padding, boolean horizontalFlip) {

  /** No augmentation (validation, test, MNIST). */
  public static final Augmentation NONE = new Augmentation(0, false);

  /** CIFAR-10/100: random crop with 4-pixel zero padding and horizontal flip. */
  public static final Augmentation CIFAR = new Augmentation(4, true);

  /**
   * Event data: random crop with 4-pixel zero padding, no flip (DVS128 Gesture has mirror-image
   * classes, such as left and right arm rotations).
   */
  public static final Augmentation EVENTS = new Augmentation(4, false);

  /** Validates the padding. */
  public Augmentation {
    if (padding < 0) {
      throw new IllegalArgumentException("padding must be >= 0, was " + padding);
    }
  }

  /** Whether this augmentation leaves every sample unchanged. */
  public boolean isIdentity() {
    return padding == 0 && !horizontalFlip;
  }

  /**
   * Draws a crop and flip from {@code random} and writes the augmented copy of the sample at {@code
   * src[srcOffset]} to {@code dst[dstOffset]}. Source and destination must not overlap.
   *
   * @param geometry the sample's shape; {@code padding} must be below its size
   */
  public void apply(
      float[] src,
      int srcOffset,
      SampleGeometry geometry,
      SplittableRandom random,
      float[] dst,
      int dstOffset) {
    Objects.requireNonNull(random, "random");
    int dy = padding == 0 ? 0 : random.nextInt(2 * padding + 1);
    int dx = padding == 0 ? 0 : random.nextInt(2 * padding + 1);
    boolean flip = horizontalFlip && random.nextBoolean();
    transform(src, srcOffset, geometry, dy - padding, dx - padding, flip, dst, dstOffset);
  }

  /**
   * The crop and flip with fixed draws: {@code out[y][x] = in[y + shiftY][x + shiftX]} (0 outside
   * the image), then mirrored left-right if {@code flip}.
   */
  static void transform(
      float[] src,
      int srcOffset,
      SampleGeometry geometry,
      int shiftY,
      int shiftX,
      boolean flip,
      float[] dst,
      int dstOffset) {
    int size = geometry.size();
    int channels = geometry.channels();
    if (Math.abs(shiftY) >= size || Math.abs(shiftX) >= size) {
      throw new IllegalArgumentException(
          String.format(
              "a shift of (%d, %d) moves a %d x %d image out of its window",
              shiftY, shiftX, size, size));
    }
    int frameValues = geometry.valuesPerFrame();
    int rowValues = size * channels;
    for (int f = 0; f < geometry.frames(); f++) {
      int srcFrame = srcOffset + f * frameValues;
      int dstFrame = dstOffset + f * frameValues;
      for (int y = 0; y < size; y++) {
        int sy = y + shiftY;
        int dstRow = dstFrame + y * rowValues;
        if (sy < 0 || sy >= size) {
          Arrays.fill(dst, dstRow, dstRow + rowValues, 0f);
          continue;
        }
        int srcRow = srcFrame + sy * rowValues;
        for (int x = 0; x < size; x++) {
          int sx = (flip ? size - 1 - x : x) + shiftX;
          int out = dstRow + x * channels;
          if (sx < 0 || sx >= size) {
            for (int c = 0; c < channels; c++) {
              dst[out + c] = 0f;
            }
          } else {
            System.arraycopy(src, srcRow + sx * channels, dst, out, channels);
          }
        }
      }
    }
  }
}

package io.msenas.worker.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Assembles batches in the simulator's layout: time-major NHWC, {@code [frames][B][size][size]
 * [channels]}.
 *
 * <p>For static images ({@code frames = 1}) that is the plain NHWC batch {@code [B][size][size]
 * [channels]} that {@code ForwardSimulator.run} takes and feeds at every step. For event data frame
 * t of every sample comes before frame t + 1 of any, matching the simulator's time-major rows
 * ({@code T * B} images, step outermost).
 *
 * <p>Stateless and thread-safe; the random generator passed in is not.
 */
public final class Batches {

  private Batches() {}

  /** The samples at {@code indices}, in that order, unaugmented. */
  public static float[] assemble(SampleSet set, int[] indices) {
    return assemble(set, indices, Augmentation.NONE, new SplittableRandom(0));
  }

  /**
   * The samples at {@code indices}, in that order, each augmented with draws from {@code random}
   * (in index order; see {@link Augmentation} for the draws per sample).
   *
   * @throws IllegalArgumentException if the batch does not fit in one array
   */
  public static float[] assemble(
      SampleSet set, int[] indices, Augmentation augmentation, SplittableRandom random) {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(indices, "indices");
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(random, "random");
    SampleGeometry geometry = set.geometry();
    int batch = indices.length;
    long total = (long) batch * geometry.valuesPerSample();
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          String.format(
              "a batch of %d samples of %d values needs %d floats, more than one array holds",
              batch, geometry.valuesPerSample(), total));
    }
    float[] out = new float[(int) total];
    float[] sample = new float[geometry.valuesPerSample()];
    float[] augmented = augmentation.isIdentity() ? sample : new float[sample.length];
    int frameValues = geometry.valuesPerFrame();
    for (int b = 0; b < batch; b++) {
      set.copySample(indices[b], sample, 0);
      if (!augmentation.isIdentity()) {
        augmentation.apply(sample, 0, geometry, random, augmented, 0);
      }
      for (int f = 0; f < geometry.frames(); f++) {
        System.arraycopy(
            augmented, f * frameValues, out, (f * batch + b) * frameValues, frameValues);
      }
    }
    return out;
  }
}

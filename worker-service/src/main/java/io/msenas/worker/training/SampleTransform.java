package io.msenas.worker.training;

import java.util.SplittableRandom;

/**
 * A training-time augmentation (random crop, flip...), applied in place to each training sample as
 * it is batched; validation and test samples are never transformed. Must draw its randomness only
 * from {@code random} so that runs are reproducible.
 */
@FunctionalInterface
public interface SampleTransform {

  /** No augmentation. */
  SampleTransform NONE = (sample, offset, shape, random) -> {};

  /**
   * Transforms the sample of {@code shape} at {@code sample[offset]} in place.
   *
   * @param random the run's generator for this epoch
   */
  void apply(float[] sample, int offset, InputShape shape, SplittableRandom random);
}

package io.msenas.worker.fitness;

import java.util.Objects;

/**
 * A batch of inputs for a fitness: B samples in NHWC layout, and their class labels (used only by
 * fitness functions that compare with labels, such as {@code rsa-labels}).
 *
 * @param images B samples, NHWC, fed at every step (direct encoding)
 * @param samples B, {@code >= 1}
 * @param labels one class label per sample, {@code samples} long
 */
public record Batch(float[] images, int samples, int[] labels) {

  /** Validates the sizes. */
  public Batch {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(labels, "labels");
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, was " + samples);
    }
    if (labels.length != samples) {
      throw new IllegalArgumentException(
          "labels must hold one label per sample (" + samples + "), had " + labels.length);
    }
  }
}

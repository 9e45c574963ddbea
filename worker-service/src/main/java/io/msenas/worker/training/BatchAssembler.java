package io.msenas.worker.training;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers samples into a graph's input tensor: [B, H, W, C] for static images, [T * B, H, W, C]
 * (time-major) for per-step frames. Rows past the samples given are zero. Not thread-safe (one
 * sample buffer, reused).
 */
final class BatchAssembler {

  private final InputShape shape;
  private final int samples;
  private final float[] sample;

  BatchAssembler(InputShape shape, int samples) {
    this.shape = shape;
    this.samples = samples;
    this.sample = new float[shape.sampleLength()];
  }

  /**
   * The input for samples {@code indices[from .. from + count)} of {@code set}.
   *
   * @param transform applied to each sample (training augmentation), drawing from {@code random}
   */
  INDArray input(
      SampleSet set,
      int[] indices,
      int from,
      int count,
      SampleTransform transform,
      SplittableRandom random) {
    int frame = shape.frameLength();
    int frames = Math.max(1, shape.frames());
    float[] batch = new float[samples * frames * frame];
    for (int b = 0; b < count; b++) {
      set.copyInto(indices[from + b], sample, 0);
      transform.apply(sample, 0, shape, random);
      for (int t = 0; t < frames; t++) {
        System.arraycopy(sample, t * frame, batch, (t * samples + b) * frame, frame);
      }
    }
    return Nd4j.create(
        batch,
        new long[] {(long) samples * frames, shape.height(), shape.width(), shape.channels()},
        DataType.FLOAT);
  }

  /** Label-smoothed target distributions, [B, classes]; rows past {@code count} are zero. */
  static INDArray targets(
      SampleSet set,
      int[] indices,
      int from,
      int count,
      int samples,
      int classes,
      double smoothing) {
    float[] targets = new float[samples * classes];
    float off = (float) (smoothing / classes);
    float on = (float) (1 - smoothing + smoothing / classes);
    for (int b = 0; b < count; b++) {
      Arrays.fill(targets, b * classes, (b + 1) * classes, off);
      targets[b * classes + set.label(indices[from + b])] = on;
    }
    return Nd4j.create(targets, new long[] {samples, classes}, DataType.FLOAT);
  }
}

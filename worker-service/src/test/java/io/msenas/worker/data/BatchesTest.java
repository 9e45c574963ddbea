package io.msenas.worker.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchesTest {

  /** Sample i, frame f, value k of the frame = 1000 i + 100 f + k. */
  private static SampleSet fake(SampleGeometry geometry, int size) {
    return new SampleSet() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public int label(int i) {
        return i % 2;
      }

      @Override
      public SampleGeometry geometry() {
        return geometry;
      }

      @Override
      public void copySample(int i, float[] dst, int offset) {
        SampleSets.checkIndex(i, size);
        int frame = geometry.valuesPerFrame();
        for (int f = 0; f < geometry.frames(); f++) {
          for (int k = 0; k < frame; k++) {
            dst[offset + f * frame + k] = 1000 * i + 100 * f + k;
          }
        }
      }
    };
  }

  @Test
  void eventBatchesAreTimeMajor() {
    SampleGeometry geometry = new SampleGeometry(3, 2, 2);
    SampleSet set = fake(geometry, 5);

    float[] batch = Batches.assemble(set, new int[] {4, 1});

    // [T][B][H][W][C]: step 0 of samples 4 and 1, then step 1 of both, then step 2
    int frame = 8;
    assertThat(batch).hasSize(3 * 2 * frame);
    for (int t = 0; t < 3; t++) {
      for (int b = 0; b < 2; b++) {
        int sample = b == 0 ? 4 : 1;
        for (int k = 0; k < frame; k++) {
          assertThat(batch[(t * 2 + b) * frame + k]).isEqualTo(1000 * sample + 100 * t + k);
        }
      }
    }
  }

  @Test
  void staticBatchesArePlainNhwc() {
    SampleSet set = fake(new SampleGeometry(1, 2, 3), 3);

    float[] batch = Batches.assemble(set, new int[] {2, 0, 2});

    float[] expected = new float[3 * 12];
    for (int b = 0; b < 3; b++) {
      set.copySample(b == 1 ? 0 : 2, expected, b * 12);
    }
    assertThat(batch).containsExactly(expected);
  }

  @Test
  void augmentedBatchesAreReproducibleFromTheSeed() {
    SampleSet set = fake(new SampleGeometry(2, 8, 2), 4);
    int[] indices = {0, 1, 2, 3};

    float[] a = Batches.assemble(set, indices, Augmentation.EVENTS, new SplittableRandom(11));
    float[] b = Batches.assemble(set, indices, Augmentation.EVENTS, new SplittableRandom(11));
    float[] plain = Batches.assemble(set, indices);

    assertThat(a).containsExactly(b);
    assertThat(Arrays.equals(a, plain)).as("augmentation changed something").isFalse();
  }
}

package io.msenas.worker.training;

import static io.msenas.worker.network.GenomeFixtures.SMOKE;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genome;

import io.msenas.worker.network.NetworkSpec;
import java.util.SplittableRandom;

/** Tiny networks and synthetic data that train in seconds. */
final class TrainingFixtures {

  /** Input size of the synthetic images: three reductions take it to 2x2. */
  static final int SIZE = 16;

  static final int CLASSES = 3;

  private TrainingFixtures() {}

  /**
   * The smoke space (one searched cell, reductions at cells 1, 2, 3) with motif m2 in cell 0 (an
   * inhibitory edge, so both clamps run) and mixed kernels; C = 4, T = 2, 16x16 inputs.
   */
  static Architecture tinyArchitecture() {
    return new Architecture(
        SMOKE,
        genome(SMOKE, 3, cell(0, 2, 0, 1, 0, 1, 0, 1)),
        new NetworkSpec(
            4, 2, 1, SIZE, CLASSES, NetworkSpec.DEFAULT_TAU, NetworkSpec.DEFAULT_THRESHOLD));
  }

  /**
   * {@code n} images whose class is the brightest of three horizontal bands, plus noise; drawn from
   * {@code seed}.
   */
  static SampleSet bands(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] images = new float[n][SIZE * SIZE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(CLASSES);
      for (int y = 0; y < SIZE; y++) {
        boolean bright = y * CLASSES / SIZE == labels[i];
        for (int x = 0; x < SIZE; x++) {
          images[i][y * SIZE + x] = (float) ((bright ? 0.8 : 0.1) + 0.2 * random.nextDouble());
        }
      }
    }
    return new ArraySamples(images, labels);
  }

  static TrainingData bandsData(int train, int validation, int test) {
    return new TrainingData(
        "bands",
        InputShape.image(SIZE, SIZE, 1),
        CLASSES,
        bands(train, 1),
        bands(validation, 2),
        bands(test, 3),
        SampleTransform.NONE);
  }

  /** Samples held in arrays. */
  record ArraySamples(float[][] images, int[] labels) implements SampleSet {
    @Override
    public int size() {
      return labels.length;
    }

    @Override
    public int label(int index) {
      return labels[index];
    }

    @Override
    public void copyInto(int index, float[] dst, int offset) {
      System.arraycopy(images[index], 0, dst, offset, images[index].length);
    }
  }
}

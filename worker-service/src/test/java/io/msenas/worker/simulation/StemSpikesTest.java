package io.msenas.worker.simulation;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.build;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.Genome;
import io.msenas.worker.fitness.RdmAccumulator;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The stem's LIF layer kept between simulations ({@link StemSpikes}): a simulation that takes it
 * gives the spikes, logits and score of one that computes it, bit for bit; another batch, another
 * seed or more views are computed, not taken; entries count as retained memory and go when it is
 * freed. C = 8, T = 2, B = 6.
 */
class StemSpikesTest {

  private static final int C = 8;
  private static final int STEPS = 2;
  private static final int SAMPLES = 6;

  /** Macro k = 3: cell 2 reads the stem through a factorized reduce (its stride-2 grids). */
  private static final Genome READS_STEM_GRIDS = DeterminismTest.GENOME;

  /** Macro k = 2: only cell 0 reads the stem, at full size. */
  private static final Genome READS_STEM_FULL =
      genome(SIX_CELLS, 2, cell(0, 2, 0, 1, 0, 1), cell(2, 3, 1, 0, 0, 1), cell(5, 1, 1, 0));

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  /** Every raster's words in program order, the logits, the score and the neurons stepped. */
  private record Run(List<long[]> rasters, float[] logits, double score, long neuronUpdates) {}

  private static Run run(Genome genome, long seed, float[] images, SimulationMemory memory) {
    Phenotype phenotype = build(SIX_CELLS, genome, C, STEPS);
    RdmAccumulator accumulator = new RdmAccumulator(SAMPLES, STEPS);
    List<long[]> rasters = new ArrayList<>();
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, seed);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights, memory)) {
      ForwardSimulator.Output output =
          simulator.run(
              images,
              SAMPLES,
              (group, raster) -> {
                long[] words = new long[raster.samples() * raster.wordsPerSample()];
                for (int i = 0; i < words.length; i++) {
                  words[i] = raster.word(i);
                }
                rasters.add(words);
                accumulator.onSpikes(group, raster);
              });
      return new Run(
          rasters, output.logits(), accumulator.score(), simulator.profile().neuronUpdates());
    }
  }

  /** Computed with nothing kept: a pool of its own that keeps nothing after the simulation. */
  private static Run computed(Genome genome, long seed, float[] images) {
    SimulationMemory memory = new SimulationMemory(0);
    Run run = run(genome, seed, images, memory);
    assertThat(memory.stemEntries()).isZero();
    return run;
  }

  private static float[] images(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] images = new float[SAMPLES * 32 * 32];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    return images;
  }

  private static void assertIdentical(Run actual, Run expected) {
    assertThat(actual.rasters()).hasSameSizeAs(expected.rasters());
    for (int g = 0; g < expected.rasters().size(); g++) {
      assertThat(actual.rasters().get(g))
          .as("raster %d", g)
          .containsExactly(expected.rasters().get(g));
    }
    assertThat(actual.logits()).containsExactly(expected.logits());
    assertThat(actual.score()).isEqualTo(expected.score());
  }

  @Test
  void aSimulationThatTakesTheKeptStemLayerGivesTheSpikesOfOneThatComputesIt() {
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    Run first = run(READS_STEM_GRIDS, 42, images(1), memory);
    Run second = run(READS_STEM_GRIDS, 42, images(1), memory);
    Run reference = computed(READS_STEM_GRIDS, 42, images(1));

    assertThat(memory.stemEntries()).isEqualTo(1);
    // the second stepped every layer but the stem's: 32 x 32 x 3C neurons, T steps, B samples
    assertThat(first.neuronUpdates() - second.neuronUpdates())
        .isEqualTo((long) STEPS * SAMPLES * 32 * 32 * 3 * C);
    assertIdentical(first, reference);
    assertIdentical(second, reference);
  }

  @Test
  void anotherBatchOrAnotherSeedIsComputedNotTaken() {
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    run(READS_STEM_GRIDS, 42, images(1), memory);
    Run otherBatch = run(READS_STEM_GRIDS, 42, images(2), memory);
    Run otherSeed = run(READS_STEM_GRIDS, 43, images(1), memory);

    assertThat(memory.stemEntries()).isEqualTo(3);
    assertIdentical(otherBatch, computed(READS_STEM_GRIDS, 42, images(2)));
    assertIdentical(otherSeed, computed(READS_STEM_GRIDS, 43, images(1)));
    assertThat(otherBatch.rasters().get(0)).isNotEqualTo(otherSeed.rasters().get(0));
  }

  @Test
  void aNetworkReadingMoreOfTheStemComputesItAgainAndThenEveryNetworkTakesIt() {
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    Run fullOnly = run(READS_STEM_FULL, 42, images(1), memory);
    Run grids = run(READS_STEM_GRIDS, 42, images(1), memory); // needs the stride-2 grids too
    Run gridsAgain = run(READS_STEM_GRIDS, 42, images(1), memory);
    Run fullAgain = run(READS_STEM_FULL, 42, images(1), memory);

    long stemLayer = (long) STEPS * SAMPLES * 32 * 32 * 3 * C;
    assertThat(memory.stemEntries()).isEqualTo(1);
    assertThat(grids.neuronUpdates() - gridsAgain.neuronUpdates()).isEqualTo(stemLayer);
    assertThat(fullOnly.neuronUpdates() - fullAgain.neuronUpdates()).isEqualTo(stemLayer);
    assertIdentical(fullOnly, computed(READS_STEM_FULL, 42, images(1)));
    assertIdentical(fullAgain, fullOnly);
    Run gridsComputed = computed(READS_STEM_GRIDS, 42, images(1));
    assertIdentical(grids, gridsComputed);
    assertIdentical(gridsAgain, gridsComputed);
  }

  @Test
  void keptLayersAreRetainedMemoryFreedLeastRecentlyUsedFirstAndByRelease() {
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    long computed = run(READS_STEM_GRIDS, 42, images(1), memory).neuronUpdates();
    long stemLayer = (long) STEPS * SAMPLES * 32 * 32 * 3 * C;
    for (int batch = 2; batch <= SimulationMemory.STEM_ENTRIES; batch++) {
      run(READS_STEM_GRIDS, 42, images(batch), memory);
    }
    assertThat(memory.stemEntries()).isEqualTo(SimulationMemory.STEM_ENTRIES);
    long oneLayer = memory.stemBytes() / SimulationMemory.STEM_ENTRIES;
    // the views, 3C channels at full size and two grids a quarter that, for T x B rows
    assertThat(oneLayer).isGreaterThan(4L * STEPS * SAMPLES * 32 * 32 * 3 * C * 3 / 2);
    assertThat(memory.retainedBytes()).isGreaterThanOrEqualTo(memory.stemBytes());
    assertThat(memory.borrowedBytes()).isZero();

    // batch 1 used again, then one more batch: batch 2, now the least recently used, goes
    assertThat(run(READS_STEM_GRIDS, 42, images(1), memory).neuronUpdates())
        .isEqualTo(computed - stemLayer);
    run(READS_STEM_GRIDS, 42, images(SimulationMemory.STEM_ENTRIES + 1), memory);
    assertThat(memory.stemEntries()).isEqualTo(SimulationMemory.STEM_ENTRIES);
    assertThat(run(READS_STEM_GRIDS, 42, images(1), memory).neuronUpdates())
        .as("batch 1, kept")
        .isEqualTo(computed - stemLayer);
    assertThat(run(READS_STEM_GRIDS, 42, images(2), memory).neuronUpdates())
        .as("batch 2, evicted and computed again")
        .isEqualTo(computed);

    memory.release();
    assertThat(memory.stemEntries()).isZero();
    assertThat(memory.stemBytes()).isZero();
    assertThat(memory.retainedBytes()).isZero();

    // the kept layers take at most half the limit: here room for one, the most recent
    SimulationMemory half = new SimulationMemory(5 * oneLayer / 2);
    run(READS_STEM_GRIDS, 42, images(1), half);
    run(READS_STEM_GRIDS, 42, images(2), half);
    assertThat(half.stemEntries()).isEqualTo(1);
    assertThat(half.stemBytes()).isEqualTo(oneLayer);
    assertThat(run(READS_STEM_GRIDS, 42, images(2), half).neuronUpdates())
        .isEqualTo(computed - stemLayer);

    // a layer larger than half the limit is not kept; the buffers for reuse still are
    SimulationMemory small = new SimulationMemory(oneLayer + oneLayer / 2);
    Run notKept = run(READS_STEM_GRIDS, 42, images(1), small);
    assertThat(small.stemEntries()).isZero();
    assertThat(small.borrowedBytes()).isZero();
    assertThat(small.retainedBytes()).isPositive().isLessThanOrEqualTo(oneLayer + oneLayer / 2);
    assertIdentical(notKept, computed(READS_STEM_GRIDS, 42, images(1)));
  }

  @Test
  void simulationsRunningAtOnceShareAndEvictKeptLayersWithoutChangingTheirSpikes()
      throws Exception {
    int batches = SimulationMemory.STEM_ENTRIES + 2; // more than are kept: evictions while in use
    Run[] reference = new Run[batches];
    for (int b = 0; b < batches; b++) {
      reference[b] = computed(READS_STEM_GRIDS, 42, images(b));
    }
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Run>> runs = new ArrayList<>();
      List<Integer> order = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int b = 0; b < batches; b++) {
          int batch = round % 2 == 0 ? b : batches - 1 - b;
          order.add(batch);
          runs.add(pool.submit(() -> run(READS_STEM_GRIDS, 42, images(batch), memory)));
        }
      }
      for (int i = 0; i < runs.size(); i++) {
        assertIdentical(runs.get(i).get(), reference[order.get(i)]);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(memory.borrowedBytes()).isZero();
    assertThat(memory.stemEntries()).isEqualTo(SimulationMemory.STEM_ENTRIES);
  }

  @Test
  void anEvictedEntryClosesItsTensorsOnlyOnceNoSimulationUsesIt() {
    INDArray view = Nd4j.zeros(DataType.FLOAT, 2, 4, 4, 3);
    StemSpikes entry =
        new StemSpikes(
            new StemSpikes.Key(new float[] {1f}, new float[] {2f}, 1, 1, 1, 1, 1, 2f, 0.5f),
            new INDArray[] {view, null, null},
            new SpikeRaster(1, 1, 64),
            0);
    entry.acquire();
    entry.evict();
    assertThat(view.wasClosed()).isFalse();
    entry.release();
    assertThat(view.wasClosed()).isTrue();
    assertThat(entry.view(0)).isNull();
  }

  @Test
  void keysCompareEveryValue() {
    StemSpikes.Key key = key(new float[] {1f, 2f}, new float[] {3f, 4f}, 1, 1, 2, 1, 2, 2f, 0.5f);

    assertThat(key(new float[] {1f, 2f}, new float[] {3f, 4f}, 1, 1, 2, 1, 2, 2f, 0.5f))
        .isEqualTo(key)
        .hasSameHashCodeAs(key);
    assertThat(key(new float[] {1f, 2.5f}, new float[] {3f, 4f}, 1, 1, 2, 1, 2, 2f, 0.5f))
        .isNotEqualTo(key);
    assertThat(key(new float[] {1f, 2f}, new float[] {-3f, 4f}, 1, 1, 2, 1, 2, 2f, 0.5f))
        .isNotEqualTo(key);
    // the same values read as another shape
    assertThat(key(new float[] {1f, 2f}, new float[] {3f, 4f}, 2, 1, 1, 1, 2, 2f, 0.5f))
        .isNotEqualTo(key);
    assertThat(key(new float[] {1f, 2f}, new float[] {3f, 4f}, 1, 2, 1, 1, 2, 2f, 0.5f))
        .isNotEqualTo(key);
    assertThat(key(new float[] {1f, 2f}, new float[] {3f, 4f}, 1, 1, 2, 2, 2, 2f, 0.5f))
        .isNotEqualTo(key);
    assertThat(key(new float[] {1f, 2f}, new float[] {3f, 4f}, 1, 1, 2, 1, 3, 2f, 0.5f))
        .isNotEqualTo(key);
    assertThat(key(new float[] {1f, 2f}, new float[] {3f, 4f}, 1, 1, 2, 1, 2, 3f, 0.5f))
        .isNotEqualTo(key);
    assertThat(key(new float[] {1f, 2f}, new float[] {3f, 4f}, 1, 1, 2, 1, 2, 2f, 0.4f))
        .isNotEqualTo(key);
  }

  private static StemSpikes.Key key(
      float[] weights,
      float[] images,
      int samples,
      int size,
      int inputChannels,
      int stemChannels,
      int steps,
      float tau,
      float threshold) {
    return new StemSpikes.Key(
        weights, images, samples, size, inputChannels, stemChannels, steps, tau, threshold);
  }
}

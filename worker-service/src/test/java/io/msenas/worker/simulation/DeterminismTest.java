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

/**
 * The same genome, seed and input give the same spikes bit for bit and the same score, whether the
 * simulator runs again or is built afresh; another weight seed gives another score. Six cells so
 * that every kind of step runs: m2 (shared spike groups), m3 (feedback), m1, factorized reduces and
 * the stride-2 preprocessing conv; C = 8, T = 2, B = 6.
 */
class DeterminismTest {

  private static final int C = 8;
  private static final int STEPS = 2;
  private static final int SAMPLES = 6;

  /** Six cells in which every kind of step runs (shared by other simulation tests). */
  static final Genome GENOME =
      genome(
          SIX_CELLS,
          3,
          cell(0, 2, 0, 1, 0, 1, 0, 1),
          cell(2, 3, 1, 0, 0, 1, 0, 1),
          cell(5, 1, 1, 0, 1, 1));

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  /**
   * What one run leaves behind: every raster's words in program order, the logits and the score.
   */
  private record Run(List<long[]> rasters, List<String> groups, float[] logits, double score) {}

  private static final class Recorder implements ForwardSimulator.SpikeObserver {
    final RdmAccumulator accumulator = new RdmAccumulator(SAMPLES, STEPS);
    final List<long[]> rasters = new ArrayList<>();
    final List<String> groups = new ArrayList<>();

    @Override
    public void onSpikes(Phenotype.SpikeGroup group, SpikeRaster raster) {
      long[] words = new long[raster.samples() * raster.wordsPerSample()];
      for (int i = 0; i < words.length; i++) {
        words[i] = raster.word(i);
      }
      rasters.add(words);
      groups.add(group.id() + ":" + group.name());
      accumulator.onSpikes(group, raster);
    }
  }

  private static Run run(ForwardSimulator simulator, float[] images) {
    Recorder recorder = new Recorder();
    ForwardSimulator.Output output = simulator.run(images, SAMPLES, recorder);
    return new Run(
        recorder.rasters, recorder.groups, output.logits(), recorder.accumulator.score());
  }

  private static float[] images() {
    SplittableRandom random = new SplittableRandom(2024);
    float[] images = new float[SAMPLES * 32 * 32];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    return images;
  }

  private static Run freshRun(long seed) {
    Phenotype phenotype = build(SIX_CELLS, GENOME, C, STEPS);
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, seed);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      return run(simulator, images());
    }
  }

  private static void assertIdentical(Run actual, Run expected) {
    assertThat(actual.groups()).containsExactlyElementsOf(expected.groups());
    assertThat(actual.rasters()).hasSameSizeAs(expected.rasters());
    for (int g = 0; g < expected.rasters().size(); g++) {
      assertThat(actual.rasters().get(g))
          .as("raster of %s", expected.groups().get(g))
          .containsExactly(expected.rasters().get(g));
    }
    assertThat(actual.logits()).containsExactly(expected.logits());
    assertThat(actual.score()).isEqualTo(expected.score());
  }

  @Test
  void theFitnessRunWithoutLogitsGivesTheSameSpikesAndScore() {
    Phenotype phenotype = build(SIX_CELLS, GENOME, C, STEPS);
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, 42);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      Run full = run(simulator, images());
      Recorder recorder = new Recorder();
      ForwardSimulator.Output output = simulator.runSpikes(images(), SAMPLES, recorder);

      assertThat(output.logits()).isNull();
      assertThat(full.logits()).hasSize(SAMPLES * 10);
      // every layer, the head's included, reaches the observer with the same spikes
      assertThat(recorder.groups).containsExactlyElementsOf(full.groups());
      for (int g = 0; g < full.rasters().size(); g++) {
        assertThat(recorder.rasters.get(g)).containsExactly(full.rasters().get(g));
      }
      assertThat(recorder.accumulator.score()).isEqualTo(full.score());
    }
  }

  @Test
  void runningTheSameSimulatorTwiceGivesBitIdenticalSpikesAndScores() {
    Phenotype phenotype = build(SIX_CELLS, GENOME, C, STEPS);
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, 42);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      Run first = run(simulator, images());
      Run second = run(simulator, images()); // reuses the simulator's pooled buffers

      assertThat(first.groups()).hasSize(phenotype.spikeGroups().size());
      assertThat(first.score()).isPositive();
      assertIdentical(second, first);
    }
  }

  @Test
  void separatelyBuiltNetworksWithTheSameSeedGiveBitIdenticalSpikesAndScores() {
    assertIdentical(freshRun(42), freshRun(42));
  }

  @Test
  void buffersLeftByAnotherNetworksSimulationDoNotChangeTheSpikes() {
    Phenotype phenotype = build(SIX_CELLS, GENOME, C, STEPS);
    Run reference;
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, 42);
        ForwardSimulator simulator =
            new ForwardSimulator(phenotype, weights, new SimulationMemory(0))) {
      reference = run(simulator, images());
    }
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    Phenotype other =
        build(
            SIX_CELLS,
            genome(SIX_CELLS, 3, cell(0, 3, 1, 1, 1, 1), cell(2, 2), cell(5, 1)),
            C,
            STEPS);
    try (NetworkWeights weights = NetworkWeights.initialise(other, 7);
        ForwardSimulator simulator = new ForwardSimulator(other, weights, memory)) {
      run(simulator, images());
    }
    long keptAfterOther = memory.retainedBytes();

    Run reused;
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, 42);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights, memory)) {
      reused = run(simulator, images());
    }

    assertThat(keptAfterOther).isPositive();
    assertIdentical(reused, reference);
  }

  @Test
  void anotherWeightSeedGivesAnotherScore() {
    Run a = freshRun(42);
    Run b = freshRun(43);

    assertThat(b.score()).isNotEqualTo(a.score());
    assertThat(b.rasters().get(0)).isNotEqualTo(a.rasters().get(0));
  }

  @Test
  void weightsDependOnlyOnSeedAndLayer() {
    Phenotype phenotype = build(SIX_CELLS, GENOME, C, STEPS);
    try (NetworkWeights a = NetworkWeights.initialise(phenotype, 42);
        NetworkWeights b = NetworkWeights.initialise(build(SIX_CELLS, GENOME, C, STEPS), 42);
        NetworkWeights c = NetworkWeights.initialise(phenotype, 43)) {
      assertThat(b.stem().data().asFloat()).containsExactly(a.stem().data().asFloat());
      assertThat(b.head()).containsExactly(a.head());
      for (Phenotype.Conv conv : phenotype.convolutions()) {
        assertThat(b.conv(conv.index()).data().asFloat())
            .as(conv.name())
            .containsExactly(a.conv(conv.index()).data().asFloat());
        assertThat(c.conv(conv.index()).data().asFloat())
            .as(conv.name())
            .isNotEqualTo(a.conv(conv.index()).data().asFloat());
      }
    }
  }
}

package io.msenas.worker.simulation;

import static io.msenas.worker.network.GenomeFixtures.SMOKE;
import static io.msenas.worker.network.GenomeFixtures.build;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.conv;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static io.msenas.worker.network.GenomeFixtures.groupsReading;
import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.FeedbackSign;
import io.msenas.model.genome.SearchSpace;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.Phenotype.Clamp;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A feedback edge adds into an earlier node in place, within the time step (docs/algorithm.md
 * section 2, m3: "after n4: n3 += p(n4)"), so readers of n3 after the feedback see the sum, readers
 * before it do not. Smoke network (C = 8, T = 2, 32 x 32), cell 0 = m3, B = 4 random images.
 */
class FeedbackSemanticsTest {

  private static final int C = 8;
  private static final int STEPS = 2;
  private static final int SAMPLES = 4;
  private static final int PIXELS = 32 * 32;

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  /** The rasters of one run, by spike group id (names are not unique). */
  private static Map<Integer, SpikeRaster> simulate(Phenotype phenotype, long seed) {
    Map<Integer, SpikeRaster> rasters = new HashMap<>();
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, seed);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      simulator.run(
          images(new SplittableRandom(seed)),
          SAMPLES,
          (group, raster) -> rasters.put(group.id(), raster));
    }
    return rasters;
  }

  private static float[] images(SplittableRandom random) {
    float[] images = new float[SAMPLES * PIXELS];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    return images;
  }

  private static Phenotype m3(SearchSpace space) {
    // m3 with 3x3 kernels throughout
    return build(space, genome(space, 3, cell(0, 3, 0, 0, 0, 0, 0, 0)), C, STEPS);
  }

  @Test
  void readersAfterTheFeedbackSeeADifferentN3ThanReadersBefore() {
    Phenotype p = m3(SMOKE);
    List<SpikeGroup> n3 = groupsReading(p, "cell0.n3");
    Map<Integer, SpikeRaster> rasters = simulate(p, 7);

    SpikeRaster before = rasters.get(n3.get(0).id()); // read by n4 = p(n3)
    SpikeRaster after = rasters.get(n3.get(1).id()); // read by n5 = p(n3), after n3 += p(n4)

    assertThat(before.count()).isPositive();
    assertThat(differingBits(before, after)).isPositive();
  }

  @Test
  void theCellOutputCarriesN3WithTheFeedbackAdded() {
    // the reduction cell after cell 0 reads the concat [n3, n4, n5]: its first C channels are n3
    Phenotype p = m3(SMOKE);
    List<SpikeGroup> n3 = groupsReading(p, "cell0.n3");
    SpikeGroup concat = p.spikeGroups().get(conv(p, "cell1.reduce.even").spikes());
    Map<Integer, SpikeRaster> rasters = simulate(p, 7);

    SpikeRaster after = rasters.get(n3.get(1).id());
    SpikeRaster output = rasters.get(concat.id());
    assertThat(concat.shape().channels()).isEqualTo(3 * C);
    int mismatches = 0;
    for (int b = 0; b < SAMPLES; b++) {
      for (int t = 0; t < STEPS; t++) {
        for (int pixel = 0; pixel < PIXELS; pixel++) {
          for (int c = 0; c < C; c++) {
            boolean inOutput = output.spiked(b, t, pixel * 3 * C + c);
            mismatches += inOutput == after.spiked(b, t, pixel * C + c) ? 0 : 1;
          }
        }
      }
    }
    assertThat(mismatches).as("n3 channels of the concat vs n3 after the feedback").isZero();
  }

  @Test
  void excitatoryFeedbackOnlyAddsSpikesAtTheFirstStep() {
    // at t = 0 the membrane is I / tau, monotone in I; the feedback adds max(y, 0) >= 0,
    // so every neuron of n3 firing before the feedback fires after it too
    Phenotype p = m3(SMOKE);
    List<SpikeGroup> n3 = groupsReading(p, "cell0.n3");
    Map<Integer, SpikeRaster> rasters = simulate(p, 7);

    Comparison firstStep =
        compareFirstStep(rasters.get(n3.get(0).id()), rasters.get(n3.get(1).id()));

    assertThat(firstStep.onlyBefore).isZero();
    assertThat(firstStep.onlyAfter).isPositive();
  }

  @Test
  void inhibitoryFeedbackOnlyRemovesSpikesAtTheFirstStep() {
    SearchSpace space = SMOKE.withFeedbackSign(FeedbackSign.INHIBITORY);
    Phenotype p = m3(space);
    List<SpikeGroup> n3 = groupsReading(p, "cell0.n3");
    Map<Integer, SpikeRaster> rasters = simulate(p, 7);

    Comparison firstStep =
        compareFirstStep(rasters.get(n3.get(0).id()), rasters.get(n3.get(1).id()));

    assertThat(conv(p, "cell0.e4-3.5").clamp()).isEqualTo(Clamp.INHIBITORY);
    assertThat(conv(m3(SMOKE), "cell0.e4-3.5").clamp()).isEqualTo(Clamp.EXCITATORY);
    assertThat(firstStep.onlyAfter).isZero();
    assertThat(firstStep.onlyBefore).isPositive();
  }

  private record Comparison(int onlyBefore, int onlyAfter) {}

  private static Comparison compareFirstStep(SpikeRaster before, SpikeRaster after) {
    int onlyBefore = 0;
    int onlyAfter = 0;
    for (int b = 0; b < SAMPLES; b++) {
      for (int n = 0; n < before.neurons(); n++) {
        boolean x = before.spiked(b, 0, n);
        boolean y = after.spiked(b, 0, n);
        onlyBefore += x && !y ? 1 : 0;
        onlyAfter += y && !x ? 1 : 0;
      }
    }
    return new Comparison(onlyBefore, onlyAfter);
  }

  private static long differingBits(SpikeRaster a, SpikeRaster b) {
    assertThat(a.neurons()).isEqualTo(b.neurons());
    long differing = 0;
    for (int i = 0; i < a.samples() * a.wordsPerSample(); i++) {
      differing += Long.bitCount(a.word(i) ^ b.word(i));
    }
    return differing;
  }
}

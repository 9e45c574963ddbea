package io.msenas.worker.training;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.model.genome.Genome;
import io.msenas.worker.evaluation.FitnessData;
import io.msenas.worker.network.NetworkSpec;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.PhenotypeBuilder;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.ForwardSimulator;
import io.msenas.worker.simulation.NetworkWeights;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One source of truth: the training graph, built from the same phenotype with the same seeded
 * weights and run with step spikes and batch-statistics BatchNorm, gives the fitness simulator's
 * logits. Six cells so that every kind of step runs (m2 with shared spike groups, m3 with feedback,
 * m1, factorized reduces, the stride-2 preprocessing conv); C = 8, T = 2, B = 6 MNIST digits.
 */
class TrainingGraphMatchesSimulatorTest {

  private static final Genome GENOME =
      genome(
          SIX_CELLS,
          3,
          cell(0, 2, 0, 1, 0, 1, 0, 1),
          cell(2, 3, 1, 0, 0, 1, 0, 1),
          cell(5, 1, 1, 0, 1, 1));
  private static final int SAMPLES = 6;
  private static final long SEED = 7;

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void graphLogitsEqualTheSimulatorsForTheSameGenomeWeightsAndInput() {
    Phenotype phenotype = PhenotypeBuilder.build(SIX_CELLS.decode(GENOME), NetworkSpec.mnist(8, 2));
    float[] images = FitnessData.mnist().batches(5, SAMPLES, 1).get(0).images();
    float[] expected;
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, SEED);
        ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      expected = simulator.run(images, SAMPLES, null).logits();
    }
    try (ParameterSet parameters = ParameterSet.initialise(phenotype, SEED)) {
      NetworkGraph graph =
          NetworkGraph.build(
              phenotype, parameters, SAMPLES, false, NetworkGraph.Options.training(false));
      INDArray input = Nd4j.create(images, new long[] {SAMPLES, 32, 32, 1}, DataType.FLOAT);
      float[] actual =
          graph
              .sameDiff()
              .output(Map.of(NetworkGraph.INPUT, input), NetworkGraph.LOGITS)
              .get(NetworkGraph.LOGITS)
              .dup('c')
              .data()
              .asFloat();
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).as("logit %d", i).isCloseTo(expected[i], within(1e-5f));
      }
      // not trivially equal: the logits differ between samples and classes
      assertThat(expected[0]).isNotEqualTo(expected[1]);
    }
  }
}

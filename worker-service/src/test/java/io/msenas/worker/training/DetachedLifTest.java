package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training graph's few-op LIF (the membrane recurrence per step, spikes and surrogate over all
 * steps at once) gives the same loss and gradients as the step-by-step reference LIF with the
 * Heaviside forward and the detached reset.
 */
class DetachedLifTest {

  private static final int SAMPLES = 6;

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void fewOpLifEqualsTheReferenceInLossAndGradients() {
    Phenotype phenotype = TrainingFixtures.tinyArchitecture().phenotype();
    SampleSet set = TrainingFixtures.bands(SAMPLES, 8);
    int[] order = {0, 1, 2, 3, 4, 5};
    try (ParameterSet parameters = ParameterSet.initialise(phenotype, 4)) {
      NetworkGraph fast =
          NetworkGraph.build(
              phenotype, parameters, SAMPLES, false, NetworkGraph.Options.training(false));
      NetworkGraph reference =
          NetworkGraph.build(
              phenotype,
              parameters,
              SAMPLES,
              false,
              NetworkGraph.Options.training(false).withReferenceLif());
      Map<String, INDArray> feed =
          Map.of(
              NetworkGraph.INPUT,
              new BatchAssembler(InputShape.image(16, 16, 1), SAMPLES)
                  .input(set, order, 0, SAMPLES, SampleTransform.NONE, new SplittableRandom(1)),
              NetworkGraph.TARGETS,
              BatchAssembler.targets(set, order, 0, SAMPLES, SAMPLES, 3, 0.1));
      List<String> names = List.copyOf(parameters.trainableNames());
      var a = fast.sameDiff().calculateGradientsAndOutputs(feed, List.of(NetworkGraph.LOSS), names);
      var b =
          reference
              .sameDiff()
              .calculateGradientsAndOutputs(feed, List.of(NetworkGraph.LOSS), names);
      assertThat(a.getOutputs().get(NetworkGraph.LOSS).getDouble(0))
          .isCloseTo(b.getOutputs().get(NetworkGraph.LOSS).getDouble(0), within(1e-6));
      for (String name : names) {
        INDArray ga = a.getGradients().get(name);
        INDArray gb = b.getGradients().get(name);
        double scale = Math.max(1e-3, gb.amaxNumber().doubleValue());
        assertThat(ga.sub(gb).amaxNumber().doubleValue() / scale)
            .as("relative gradient difference of %s", name)
            .isLessThan(1e-4);
      }
      assertThat(a.getGradients().get("stem.w").amaxNumber().doubleValue()).isPositive();
      // the two graphs really differ: the reference builds each LIF step by step
      assertThat(fast.sameDiff().getOps().size()).isLessThan(reference.sameDiff().getOps().size());
    }
  }
}

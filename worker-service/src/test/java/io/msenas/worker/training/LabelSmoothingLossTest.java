package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The graph's loss is label-smoothed cross-entropy on its time-averaged logits, by hand. */
class LabelSmoothingLossTest {

  private static final int SAMPLES = 5;

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void smoothedTargetsPutOneMinusEpsilonPlusEpsilonOverKOnTheLabel() {
    SampleSet set = TrainingFixtures.bands(4, 9);
    int[] order = {3, 2, 1, 0};
    INDArray targets = BatchAssembler.targets(set, order, 1, 2, 3, 3, 0.1);
    assertThat(targets.shape()).containsExactly(3, 3);
    for (int b = 0; b < 2; b++) {
      for (int k = 0; k < 3; k++) {
        double expected = k == set.label(order[1 + b]) ? 0.9 + 0.1 / 3 : 0.1 / 3;
        assertThat(targets.getDouble(b, k)).isCloseTo(expected, within(1e-7));
      }
    }
    // a padding row is all zero: it adds nothing to the loss
    assertThat(targets.getRow(2).sumNumber().doubleValue()).isZero();
  }

  @Test
  void lossEqualsTheHandComputedSmoothedCrossEntropyOfTheLogits() {
    Architecture architecture = TrainingFixtures.tinyArchitecture();
    Phenotype phenotype = architecture.phenotype();
    SampleSet set = TrainingFixtures.bands(SAMPLES, 4);
    int[] order = {0, 1, 2, 3, 4};
    double smoothing = 0.1;
    try (ParameterSet parameters = ParameterSet.initialise(phenotype, 2)) {
      // a head with large weights, so that the logits are far from uniform
      INDArray head = parameters.trainable("head.w");
      SplittableRandom random = new SplittableRandom(3);
      for (long i = 0; i < head.length(); i++) {
        head.putScalar(i, 3 * random.nextGaussian());
      }
      NetworkGraph graph =
          NetworkGraph.build(
              phenotype, parameters, SAMPLES, false, NetworkGraph.Options.training(false));
      INDArray input =
          new BatchAssembler(InputShape.image(16, 16, 1), SAMPLES)
              .input(set, order, 0, SAMPLES, SampleTransform.NONE, random);
      INDArray targets = BatchAssembler.targets(set, order, 0, SAMPLES, SAMPLES, 3, smoothing);
      Map<String, INDArray> out =
          graph
              .sameDiff()
              .output(
                  Map.of(NetworkGraph.INPUT, input, NetworkGraph.TARGETS, targets),
                  NetworkGraph.LOGITS,
                  NetworkGraph.LOSS);
      INDArray logits = out.get(NetworkGraph.LOGITS);
      double expected = 0;
      for (int b = 0; b < SAMPLES; b++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
          max = Math.max(max, logits.getDouble(b, k));
        }
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += Math.exp(logits.getDouble(b, k) - max);
        }
        double logNormaliser = max + Math.log(sum);
        for (int k = 0; k < 3; k++) {
          double q = (k == set.label(b) ? 1 - smoothing : 0) + smoothing / 3;
          expected -= q * (logits.getDouble(b, k) - logNormaliser);
        }
      }
      expected /= SAMPLES;
      assertThat(out.get(NetworkGraph.LOSS).getDouble(0)).isCloseTo(expected, within(1e-5));
      assertThat(logits.getDouble(0, 0)).isNotEqualTo(logits.getDouble(0, 1));
    }
  }
}

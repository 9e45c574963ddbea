package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff's gradients of the whole network (stem, LIF unrolled over T, edges with both clamps,
 * factorized reduces, head, label-smoothed loss) equal central finite differences when the step is
 * replaced by its smooth surrogate and the reset is not detached, so that the loss is
 * differentiable. Double precision.
 */
class GradientCheckTest {

  private static final int SAMPLES = 4;
  private static final double H = 1e-6;

  /**
   * A sample of the tiny network's tensors (one full pass per entry, twice): the stem, the
   * preprocessing 1x1 conv, excitatory edges (conv3, conv7), the inhibitory edges (conv6, conv8), a
   * factorized reduce (conv9), the last reduction (conv13) and the head.
   */
  private static final List<String> CHECKED =
      List.of(
          "stem.w",
          "stem.gamma",
          "conv0.w",
          "conv3.w",
          "conv6.w",
          "conv6.beta",
          "conv7.gamma",
          "conv8.w",
          "conv8.beta",
          "conv9.w",
          "conv13.beta",
          "head.w",
          "head.b");

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void gradientsMatchCentralFiniteDifferences() {
    Architecture architecture = TrainingFixtures.tinyArchitecture();
    Phenotype phenotype = architecture.phenotype();
    try (ParameterSet floats = ParameterSet.initialise(phenotype, 3);
        ParameterSet parameters = floats.castTo(DataType.DOUBLE)) {
      // BatchNorm at scale 1 and shift 0 puts an edge whose input is all zero (a LIF that never
      // fires) exactly on the kink of its clamp, where the finite difference is one-sided: move
      // every scale and shift off it
      SplittableRandom jitter = new SplittableRandom(5);
      for (String name : parameters.trainableNames()) {
        if (name.endsWith(".gamma") || name.endsWith(".beta")) {
          INDArray p = parameters.trainable(name);
          for (long i = 0; i < p.length(); i++) {
            p.putScalar(i, p.getDouble(i) + 0.2 * (jitter.nextDouble() - 0.5));
          }
        }
      }
      NetworkGraph graph =
          NetworkGraph.build(
              phenotype,
              parameters,
              SAMPLES,
              false,
              new NetworkGraph.Options(
                  NetworkGraph.Mode.TRAINING,
                  SurrogateSpike.Forward.SMOOTH,
                  SurrogateSpike.DEFAULT_ALPHA,
                  false,
                  false));
      SameDiff sd = graph.sameDiff();
      Map<String, INDArray> feed = feed();
      List<String> names = List.copyOf(parameters.trainableNames());
      Map<String, INDArray> gradients = sd.calculateGradients(feed, names);
      SplittableRandom random = new SplittableRandom(11);
      int checked = 0;
      for (String name : CHECKED) {
        INDArray parameter = parameters.trainable(name);
        // two entries of each checked tensor
        for (int k = 0; k < 2; k++) {
          long i = random.nextLong(parameter.length());
          double original = parameter.getDouble(i);
          parameter.putScalar(i, original + H);
          double plus = loss(sd, feed);
          parameter.putScalar(i, original - H);
          double minus = loss(sd, feed);
          parameter.putScalar(i, original);
          double numeric = (plus - minus) / (2 * H);
          double analytic = gradients.get(name).getDouble(i);
          assertThat(Math.abs(analytic - numeric))
              .as("d loss / d %s[%d]: analytic %s, numeric %s", name, i, analytic, numeric)
              .isLessThanOrEqualTo(1e-6 + 1e-4 * Math.abs(numeric));
          checked++;
        }
      }
      assertThat(checked).isEqualTo(2 * CHECKED.size());
      assertThat(gradients.get("head.w").amaxNumber().doubleValue()).isPositive();
      assertThat(gradients.get("stem.w").amaxNumber().doubleValue()).isPositive();
    }
  }

  private static double loss(SameDiff sd, Map<String, INDArray> feed) {
    return sd.output(feed, NetworkGraph.LOSS).get(NetworkGraph.LOSS).getDouble(0);
  }

  private static Map<String, INDArray> feed() {
    SampleSet samples = TrainingFixtures.bands(SAMPLES, 5);
    int size = TrainingFixtures.SIZE;
    double[] images = new double[SAMPLES * size * size];
    double[] targets = new double[SAMPLES * TrainingFixtures.CLASSES];
    float[] sample = new float[size * size];
    for (int b = 0; b < SAMPLES; b++) {
      samples.copyInto(b, sample, 0);
      for (int j = 0; j < sample.length; j++) {
        images[b * sample.length + j] = sample[j];
      }
      for (int k = 0; k < TrainingFixtures.CLASSES; k++) {
        targets[b * TrainingFixtures.CLASSES + k] = k == samples.label(b) ? 0.9 + 0.1 / 3 : 0.1 / 3;
      }
    }
    Map<String, INDArray> feed = new HashMap<>();
    feed.put(NetworkGraph.INPUT, Nd4j.create(images, new long[] {SAMPLES, size, size, 1}));
    feed.put(
        NetworkGraph.TARGETS, Nd4j.create(targets, new long[] {SAMPLES, TrainingFixtures.CLASSES}));
    return feed;
  }
}

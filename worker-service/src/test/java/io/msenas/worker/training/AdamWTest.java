package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** AdamW against a hand computation; decay applies to kernels and linear weights only. */
class AdamWTest {

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  /** PyTorch's AdamW, in double, for one scalar parameter. */
  private static double[] reference(
      double p, double[] gradients, double[] rates, double decay, boolean decayed) {
    double m = 0;
    double v = 0;
    for (int t = 1; t <= gradients.length; t++) {
      double lr = rates[t - 1];
      double g = gradients[t - 1];
      if (decayed) {
        p -= lr * decay * p;
      }
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      double mHat = m / (1 - Math.pow(0.9, t));
      double vHat = v / (1 - Math.pow(0.999, t));
      p -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
    }
    return new double[] {p};
  }

  @Test
  void updatesMatchPyTorchsAdamWAndSkipDecayForBiasesAndBatchNorm() {
    AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.01, ParameterSet::isDecayed);
    Map<String, INDArray> parameters = new LinkedHashMap<>();
    parameters.put("conv0.w", Nd4j.createFromArray(0.5f, -1.5f));
    parameters.put("conv0.gamma", Nd4j.createFromArray(0.5f, -1.5f));
    parameters.put("conv0.beta", Nd4j.createFromArray(0.5f, -1.5f));
    parameters.put("head.w", Nd4j.createFromArray(0.5f, -1.5f));
    parameters.put("head.b", Nd4j.createFromArray(0.5f, -1.5f));
    double[][] gradients = {{0.3, -2.0, 0.05}, {-0.1, 0.4, 1.0}};
    double[] rates = {0.1, 0.05, 0.02};
    for (int step = 0; step < rates.length; step++) {
      Map<String, INDArray> g = new LinkedHashMap<>();
      for (String name : parameters.keySet()) {
        g.put(name, Nd4j.createFromArray((float) gradients[0][step], (float) gradients[1][step]));
      }
      adam.step(parameters, g, rates[step]);
    }
    assertThat(adam.steps()).isEqualTo(3);
    for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
      boolean decayed = e.getKey().endsWith(".w");
      for (int i = 0; i < 2; i++) {
        double start = i == 0 ? 0.5 : -1.5;
        double expected = reference(start, gradients[i], rates, 0.01, decayed)[0];
        assertThat(e.getValue().getDouble(i))
            .as("%s[%d]", e.getKey(), i)
            .isCloseTo(expected, within(1e-6));
      }
    }
    // decay makes a difference: the decayed and undecayed copies of one start value differ
    assertThat(parameters.get("conv0.w").getDouble(1))
        .isNotEqualTo(parameters.get("conv0.gamma").getDouble(1));
    assertThat(ParameterSet.isDecayed("stem.w")).isTrue();
    assertThat(ParameterSet.isDecayed("stem.beta")).isFalse();
    assertThat(ParameterSet.isDecayed("head.b")).isFalse();
  }
}

package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The spike is the Heaviside step forward and its gradient is the quadratic gate g(x) = max(0,
 * alpha - alpha^2 |x|), alpha = 2, x = u - v_th, on a grid that includes 0, +-1/alpha and beyond.
 */
class SurrogateSpikeTest {

  private static final double ALPHA = 2.0;
  private static final double THRESHOLD = 0.5;

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  /**
   * Offsets x from the threshold, all exactly representable after adding v_th in float: a grid of
   * step 1/64 over [-1, 1], points either side of 0 and of +-1/alpha, and far outside.
   */
  private static float[] grid() {
    List<Float> xs = new ArrayList<>();
    for (int i = -64; i <= 64; i++) {
      xs.add(i / 64f);
    }
    float tiny = (float) Math.scalb(1.0, -20);
    for (float centre : new float[] {0f, 0.5f, -0.5f}) {
      xs.add(centre + tiny);
      xs.add(centre - tiny);
    }
    xs.add(3f);
    xs.add(-3f);
    xs.add(100f);
    float[] out = new float[xs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(i);
    }
    return out;
  }

  private record Result(float[] spikes, float[] gradient) {}

  private static Result run(float[] x, SurrogateSpike.Forward forward) {
    float[] u = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      u[i] = x[i] + (float) THRESHOLD;
    }
    SameDiff sd = SameDiff.create();
    SDVariable membrane = sd.var("u", Nd4j.createFromArray(u));
    SDVariable spikes = SurrogateSpike.spikes(sd, membrane, THRESHOLD, ALPHA, forward).value();
    // a loss whose gradient with respect to the spikes is 1 everywhere
    spikes.sum("loss");
    sd.setLossVariables("loss");
    INDArray values = sd.output(Map.of(), spikes.name()).get(spikes.name());
    INDArray gradient = sd.calculateGradients(Map.of(), "u").get("u");
    return new Result(values.toFloatVector(), gradient.toFloatVector());
  }

  @Test
  void gradientIsTheQuadraticGate() {
    float[] x = grid();
    Result result = run(x, SurrogateSpike.Forward.HEAVISIDE);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) result.gradient()[i])
          .as("gradient at x = %s", x[i])
          .isCloseTo(SurrogateSpike.gate(x[i], ALPHA), within(1e-6));
    }
  }

  @Test
  void forwardIsTheHeavisideStepWithHOfZeroEqualToOne() {
    float[] x = grid();
    Result result = run(x, SurrogateSpike.Forward.HEAVISIDE);
    for (int i = 0; i < x.length; i++) {
      assertThat(result.spikes()[i]).as("spike at x = %s", x[i]).isEqualTo(x[i] >= 0 ? 1f : 0f);
    }
  }

  @Test
  void smoothForwardIsTheGatesIntegralWithTheSameGradient() {
    float[] x = grid();
    Result result = run(x, SurrogateSpike.Forward.SMOOTH);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) result.spikes()[i])
          .as("smooth spike at x = %s", x[i])
          .isCloseTo(0.5 + SurrogateSpike.smooth(x[i], ALPHA), within(1e-6));
      assertThat((double) result.gradient()[i])
          .isCloseTo(SurrogateSpike.gate(x[i], ALPHA), within(1e-6));
    }
  }

  @Test
  void theSmoothFunctionsDerivativeIsTheGate() {
    double h = 1e-6;
    for (double x = -1.5; x <= 1.5; x += 0.01) {
      double derivative =
          (SurrogateSpike.smooth(x + h, ALPHA) - SurrogateSpike.smooth(x - h, ALPHA)) / (2 * h);
      assertThat(derivative)
          .as("sg' at %s", x)
          .isCloseTo(SurrogateSpike.gate(x, ALPHA), within(1e-5));
    }
    assertThat(SurrogateSpike.smooth(-1, ALPHA)).isEqualTo(-0.5);
    assertThat(SurrogateSpike.smooth(1, ALPHA)).isEqualTo(0.5);
    assertThat(SurrogateSpike.gate(0, ALPHA)).isEqualTo(ALPHA);
    assertThat(SurrogateSpike.gate(0.5, ALPHA)).isZero();
  }
}

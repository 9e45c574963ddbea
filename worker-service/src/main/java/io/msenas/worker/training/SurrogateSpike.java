package io.msenas.worker.training;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * The spike nonlinearity of training: the Heaviside step forward, the quadratic gate {@code g(x) =
 * max(0, alpha - alpha^2 |x|)} backward (ALGORITHM section 2), x = u - v_th.
 *
 * <p>The gate is the derivative of the piecewise-quadratic {@link #smooth(double, double)}:
 *
 * <pre>
 *   y = clamp(alpha x, -1, 1);   sg(x) = y - y |y| / 2       (+ 1/2, a constant that cancels)
 *   sg'(x) = alpha (1 - |y|) = alpha - alpha^2 |x|  for |x| < 1/alpha, else 0
 * </pre>
 *
 * (for 0 <= y <= 1, {@code 1/2 + y - y^2/2 = 1 - (1 - y)^2/2}; for -1 <= y <= 0, {@code (1 +
 * y)^2/2}: the integral of the gate from -infinity). The straight-through form {@code spike = sg(x)
 * + stopGradient(H(x) - sg(x))} is written as {@code H(x) + (sg(x) - stopGradient(sg(x)))}: the
 * same gradient, and a forward value that is exactly {@code H(x)} in floating point ({@code s - s =
 * 0}), where {@code sg + (H - sg)} can round to 1 - 2^-24.
 *
 * <p>ND4J 1.0.0-M2.1's SameDiff has no stop-gradient method: the {@link StopGradient} op is built
 * directly. H(0) = 1 as in the simulator: the step is taken on u against the largest float below
 * v_th ({@code u > nextDown(v_th)} is {@code u >= v_th}).
 */
public final class SurrogateSpike {

  /** The gate's sharpness alpha of ALGORITHM section 2; the gate is non-zero for |x| < 1/alpha. */
  public static final double DEFAULT_ALPHA = 2.0;

  private SurrogateSpike() {}

  /** What the spike computes forward. */
  public enum Forward {
    /** The Heaviside step (training and evaluation). */
    HEAVISIDE,
    /**
     * The smooth function 1/2 + {@link #smooth} itself (in [0, 1]), forward and backward: a
     * differentiable network whose gradients can be checked against finite differences.
     */
    SMOOTH
  }

  /** The gate g(x) = max(0, alpha - alpha^2 |x|): the surrogate derivative. */
  public static double gate(double x, double alpha) {
    return Math.max(0.0, alpha - alpha * alpha * Math.abs(x));
  }

  /** The surrogate sg(x) = y - y|y|/2 with y = clamp(alpha x, -1, 1); sg' = {@link #gate}. */
  public static double smooth(double x, double alpha) {
    double y = Math.max(-1.0, Math.min(1.0, alpha * x));
    return y - y * Math.abs(y) / 2;
  }

  /**
   * Spikes as a graph computes them.
   *
   * @param value the spikes, with the surrogate gradient
   * @param detached the same values without gradient (for a detached reset)
   */
  public record Spikes(SDVariable value, SDVariable detached) {}

  /**
   * Adds the spikes of membrane {@code u} to {@code sd}.
   *
   * @param u membrane potentials (any shape)
   * @param threshold v_th
   * @param alpha the gate's sharpness
   * @param forward the forward function
   * @return spikes of u's shape: H(u - v_th) (or sg(u - v_th) under {@link Forward#SMOOTH}) with
   *     the gradient g(u - v_th)
   */
  public static Spikes spikes(
      SameDiff sd, SDVariable u, double threshold, double alpha, Forward forward) {
    SDVariable y = sd.math().clipByValue(u.sub(threshold).mul(alpha), -1.0, 1.0);
    SDVariable smooth = y.sub(y.mul(sd.math().abs(y)).mul(0.5));
    if (forward == Forward.SMOOTH) {
      SDVariable shifted = smooth.add(0.5);
      return new Spikes(shifted, stopGradient(sd, shifted));
    }
    SDVariable step = stopGradient(sd, sd.math().step(u, Math.nextDown((float) threshold)));
    return new Spikes(step.add(smooth.sub(stopGradient(sd, smooth))), step);
  }

  /**
   * An exact copy of {@code x} that SameDiff does not differentiate: its bits reinterpreted as
   * integers and back. Unlike {@link #stopGradient}, whose backward sends a tensor of zeros into
   * {@code x}'s gradient and through every op that computed it, no backward op is built for it or
   * for anything computed only from it.
   */
  static SDVariable frozenCopy(SameDiff sd, SDVariable x) {
    DataType type = x.dataType();
    DataType bits =
        switch (type.width()) {
          case 2 -> DataType.INT16;
          case 4 -> DataType.INT32;
          case 8 -> DataType.INT64;
          default -> throw new IllegalArgumentException("no integer type as wide as " + type);
        };
    SDVariable asBits = new Reinterpret(sd, x, bits).outputVariable();
    return new Reinterpret(sd, asBits, type).outputVariable();
  }

  /**
   * libnd4j's {@code bitcast} with the target type as an integer argument: SameDiff's {@code
   * BitCast} class takes it as a second input and cannot infer its output type when built in a
   * graph.
   */
  private static final class Reinterpret extends DynamicCustomOp {
    private final DataType target;

    Reinterpret(SameDiff sd, SDVariable x, DataType target) {
      super(null, sd, new SDVariable[] {x});
      this.target = target;
      addIArgument(target.toInt());
    }

    @Override
    public String opName() {
      return "bitcast";
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
      return List.of(target);
    }
  }

  /** {@code x} forward, no gradient backward. */
  static SDVariable stopGradient(SameDiff sd, SDVariable x) {
    return new StopGradient(sd, x).outputVariable();
  }
}

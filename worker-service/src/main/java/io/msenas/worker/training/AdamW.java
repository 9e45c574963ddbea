package io.msenas.worker.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay on a chosen subset of parameters, as
 * PyTorch's {@code torch.optim.AdamW} computes it:
 *
 * <pre>
 *   t += 1
 *   p -= lr * wd * p                       (decayed parameters only)
 *   m  = beta1 m + (1 - beta1) g
 *   v  = beta2 v + (1 - beta2) g^2
 *   p -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 *
 * <p>ND4J's SameDiff updaters (M2.1) have Adam with an L2 regularisation or a decoupled decay for
 * all parameters, but no way to exclude biases and BatchNorm parameters; so the update runs here,
 * on the gradient arrays, in one pass per parameter over its native buffer (a few ms for a million
 * values, against tens of ND4J op calls per parameter). Moments are kept in float, as PyTorch does
 * for float parameters. Not thread-safe.
 */
final class AdamW {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final Predicate<String> decayed;
  private final Map<String, float[]> first = new LinkedHashMap<>();
  private final Map<String, float[]> second = new LinkedHashMap<>();
  private long steps;

  AdamW(double beta1, double beta2, double epsilon, double weightDecay, Predicate<String> decayed) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.decayed = decayed;
  }

  static AdamW of(TrainingOptions options) {
    return new AdamW(
        options.beta1(),
        options.beta2(),
        options.adamEpsilon(),
        options.weightDecay(),
        ParameterSet::isDecayed);
  }

  /** Steps taken so far. */
  long steps() {
    return steps;
  }

  /**
   * One update of every parameter in {@code parameters} that has a gradient, in place.
   *
   * @param parameters name -> parameter array (contiguous float)
   * @param gradients name -> gradient of the loss, same shapes
   * @param learningRate this step's rate
   */
  void step(
      Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate) {
    steps++;
    float correction1 = (float) (1 - Math.pow(beta1, steps));
    float correction2 = (float) (1 - Math.pow(beta2, steps));
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float lr = (float) learningRate;
    float eps = (float) epsilon;
    for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
      INDArray gradient = gradients.get(e.getKey());
      if (gradient == null) {
        continue;
      }
      INDArray parameter = e.getValue();
      if (gradient.length() != parameter.length()) {
        throw new IllegalArgumentException(
            "gradient of "
                + e.getKey()
                + " has "
                + gradient.length()
                + " values, not "
                + parameter.length());
      }
      int n = (int) parameter.length();
      float[] m = first.computeIfAbsent(e.getKey(), k -> new float[n]);
      float[] v = second.computeIfAbsent(e.getKey(), k -> new float[n]);
      float[] g = contiguous(gradient).data().asFloat();
      FloatBuffer p = buffer(parameter);
      float shrink = decayed.test(e.getKey()) ? (float) (1 - learningRate * weightDecay) : 1f;
      for (int i = 0; i < n; i++) {
        float gi = g[i];
        float mi = b1 * m[i] + (1 - b1) * gi;
        float vi = b2 * v[i] + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        float denominator = (float) Math.sqrt(vi / correction2) + eps;
        p.put(i, p.get(i) * shrink - lr * (mi / correction1) / denominator);
      }
    }
  }

  private static INDArray contiguous(INDArray array) {
    return array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
  }

  /** The parameter's own native buffer (parameters are created contiguous, never views). */
  private static FloatBuffer buffer(INDArray parameter) {
    if (parameter.isView() || parameter.ordering() != 'c') {
      throw new IllegalArgumentException("parameters must be contiguous c-order arrays");
    }
    return parameter.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(steps);
    out.writeInt(first.size());
    for (String name : first.keySet()) {
      out.writeUTF(name);
      TensorCodec.writeFloats(out, first.get(name));
      TensorCodec.writeFloats(out, second.get(name));
    }
  }

  void read(DataInputStream in) throws IOException {
    steps = in.readLong();
    int count = in.readInt();
    if (steps < 0 || count < 0) {
      throw new IOException(steps + " steps and " + count + " moments");
    }
    first.clear();
    second.clear();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      first.put(name, TensorCodec.readFloats(in));
      second.put(name, TensorCodec.readFloats(in));
    }
  }

  /**
   * Checks moments read by {@link #read} against the parameters they update: each named after one
   * of them, with as many values (a mismatch would fail every step of a resumed run).
   *
   * @throws IllegalArgumentException naming the first moment that does not fit
   */
  void requireFits(Map<String, INDArray> parameters) {
    for (String name : first.keySet()) {
      INDArray parameter = parameters.get(name);
      if (parameter == null) {
        throw new IllegalArgumentException(
            "damaged checkpoint: optimizer moments of '" + name + "', not a trainable parameter");
      }
      if (first.get(name).length != parameter.length()
          || second.get(name).length != parameter.length()) {
        throw new IllegalArgumentException(
            "damaged checkpoint: optimizer moments of '"
                + name
                + "' have "
                + first.get(name).length
                + " and "
                + second.get(name).length
                + " values, not "
                + parameter.length());
      }
    }
  }
}

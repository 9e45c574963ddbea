package io.msenas.worker.simulation;

import io.msenas.worker.runtime.NativeVariant;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the simulator runs 1x1 stride-1 convolutions (the cells' preprocessing and the factorized
 * reduces: about two thirds of a quick-preset network's convolution calls).
 *
 * <p>In NHWC such a convolution is one matrix product, {@code [T*B*H*W, Cin] x [Cin, Cout]}, over
 * the tensors as they lie: {@link #GEMM} hands it to the BLAS. ND4J's {@code Conv2D} goes through
 * oneDNN, which reorders the input and the output into its blocked layout and the result back
 * (three extra passes over memory). On an AVX2 CPU (Zen 3) the product took 15-18 ms where the
 * convolution took 47-83 ms (256 x 32 x 32 x 48 -> 48 and 256 x 16 x 16 x 96 -> 96), and 13-16 ms
 * against 27-32 ms at 192 channels. With the AVX-512 build it is the other way round: on an AVX-512
 * Xeon the benchmark's 10 networks took 2,127 and 2,424 ms of convolution time with oneDNN against
 * 2,320 and 2,610 ms with the product (two alternating runs each), so that build keeps {@link
 * #ONEDNN}.
 *
 * <p>The two sum in different orders, so their outputs may differ in the last bits; each process
 * uses one of them for every evaluation, so a genome's score stays the same bit for bit on one
 * machine. The system property {@value #PROPERTY} ({@code gemm} or {@code onednn}) overrides the
 * choice.
 */
public enum PointwiseConvolution {
  /** One BLAS matrix product over the NHWC tensors. */
  GEMM,
  /** ND4J's Conv2D (oneDNN, with its reorders). */
  ONEDNN;

  /** The system property that overrides the choice: {@code gemm} or {@code onednn}. */
  public static final String PROPERTY = "msenas.simulation.pointwise";

  private static volatile PointwiseConvolution chosen;

  /** The way this process runs 1x1 convolutions (chosen once). */
  public static PointwiseConvolution forThisProcess() {
    PointwiseConvolution current = chosen;
    if (current == null) {
      current = choose(System.getProperty(PROPERTY), Nd4jRuntime.initialise().nativeVariant());
      chosen = current;
    }
    return current;
  }

  /**
   * The choice system property {@value #PROPERTY} asks for now on this native build, without fixing
   * the process's choice (a worker checks the property when it starts).
   *
   * @throws IllegalArgumentException naming the property and its value if that is neither {@code
   *     gemm} nor {@code onednn}
   */
  public static PointwiseConvolution fromProperty(NativeVariant variant) {
    return choose(System.getProperty(PROPERTY), variant);
  }

  /** The choice for a property value (null or blank: automatic) and a native build. */
  static PointwiseConvolution choose(String property, NativeVariant variant) {
    if (property == null || property.isBlank()) {
      return variant == NativeVariant.ONEDNN_AVX512 ? ONEDNN : GEMM;
    }
    return switch (property.trim().toLowerCase(Locale.ROOT)) {
      case "gemm" -> GEMM;
      case "onednn" -> ONEDNN;
      default ->
          throw new IllegalArgumentException(
              PROPERTY + " must be gemm or onednn, was '" + property + "'");
    };
  }

  /**
   * Whether a convolution of this kernel and stride is a plain matrix product in NHWC (no padding:
   * a 1x1 kernel pads by 0).
   */
  public static boolean applies(int kernel, int stride) {
    return kernel == 1 && stride == 1;
  }

  /**
   * {@code output = input x weights} for a 1x1 stride-1 convolution.
   *
   * @param input NHWC, [N, H, W, Cin], contiguous
   * @param weights YXIO, [1, 1, Cin, Cout]
   * @param output NHWC, [N, H, W, Cout], contiguous; overwritten
   */
  static void multiply(INDArray input, INDArray weights, INDArray output) {
    long positions = input.length() / input.size(3);
    INDArray a = input.reshape('c', positions, input.size(3));
    INDArray b = weights.reshape('c', weights.size(2), weights.size(3));
    INDArray c = output.reshape('c', positions, output.size(3));
    Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
  }
}

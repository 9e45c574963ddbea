package io.msenas.worker.simulation;

import java.util.SplittableRandom;

/**
 * Standard normal draws that are the same on every JDK: a 128-layer ziggurat (Marsaglia and Tsang,
 * "The Ziggurat Method for Generating Random Variables", 2000) over {@link SplittableRandom}'s
 * bits, whose algorithm is fixed. As Doornik ("An Improved Ziggurat Method", 2005) advises, a
 * draw's layer and its value come from different bits of one 64-bit word. The tables and the rare
 * slow paths use {@link StrictMath}, whose results are specified bit for bit.
 *
 * <p>Why not {@code SplittableRandom.nextGaussian}: its algorithm calls {@code Math.exp} and {@code
 * Math.log}, which a JDK may compute differently (to within an ulp) from another. Measured: JDK 17
 * and JDK 25 take a different branch about once in two million draws from the same seed, and every
 * later draw of that stream shifts; four of the fitness benchmark's ten genomes (those with layers
 * of over a million weights) then scored differently.
 */
final class Gaussian {

  private static final int LAYERS = 128;

  /** Where the tail starts: the rightmost edge of the widest layer. */
  private static final double TAIL_START = 3.442619855899;

  /** Area of each layer, the base strip with its tail included. */
  private static final double LAYER_AREA = 9.91256303526217e-3;

  private static final double TWO_TO_31 = 2147483648.0;

  /** Below {@code |value bits| < ACCEPT[i]}, a draw in layer i lies inside the layer above it. */
  private static final long[] ACCEPT = new long[LAYERS];

  /** Scale from value bits to x in layer i: its right edge over 2^31. */
  private static final double[] SCALE = new double[LAYERS];

  /** The density {@code exp(-x^2 / 2)} at each layer's right edge (layer 0: at 0). */
  private static final double[] DENSITY = new double[LAYERS];

  static {
    double edge = TAIL_START;
    double outer = edge;
    double q = LAYER_AREA / StrictMath.exp(-0.5 * edge * edge);
    ACCEPT[0] = (long) (edge / q * TWO_TO_31);
    ACCEPT[1] = 0;
    SCALE[0] = q / TWO_TO_31;
    SCALE[LAYERS - 1] = edge / TWO_TO_31;
    DENSITY[0] = 1.0;
    DENSITY[LAYERS - 1] = StrictMath.exp(-0.5 * edge * edge);
    for (int i = LAYERS - 2; i >= 1; i--) {
      edge =
          StrictMath.sqrt(
              -2.0 * StrictMath.log(LAYER_AREA / edge + StrictMath.exp(-0.5 * edge * edge)));
      ACCEPT[i + 1] = (long) (edge / outer * TWO_TO_31);
      outer = edge;
      DENSITY[i] = StrictMath.exp(-0.5 * edge * edge);
      SCALE[i] = edge / TWO_TO_31;
    }
  }

  private Gaussian() {}

  /** One standard normal draw from {@code random}. */
  static double next(SplittableRandom random) {
    while (true) {
      long bits = random.nextLong();
      int layer = (int) bits & (LAYERS - 1);
      // the value from the high 32 bits, signed; the layer from the low 7
      long value = bits >> 32;
      double x = value * SCALE[layer];
      if (Math.abs(value) < ACCEPT[layer]) {
        return x;
      }
      if (layer == 0) {
        return tail(random, value > 0);
      }
      // the wedge between this layer's rectangle and the density: accept under the curve
      double y = DENSITY[layer] + random.nextDouble() * (DENSITY[layer - 1] - DENSITY[layer]);
      if (y < StrictMath.exp(-0.5 * x * x)) {
        return x;
      }
    }
  }

  /** A draw beyond {@link #TAIL_START} (Marsaglia's method for the normal tail). */
  private static double tail(SplittableRandom random, boolean positive) {
    double x;
    double y;
    do {
      // 1 - u lies in (0, 1]: the logarithms stay finite
      x = -StrictMath.log(1.0 - random.nextDouble()) / TAIL_START;
      y = -StrictMath.log(1.0 - random.nextDouble());
    } while (y + y < x * x);
    return positive ? TAIL_START + x : -TAIL_START - x;
  }
}

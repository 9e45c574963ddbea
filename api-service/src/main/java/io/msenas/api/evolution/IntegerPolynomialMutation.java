package io.msenas.api.evolution;

import io.msenas.model.genome.GeneBounds;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Deb's polynomial mutation for integer genes, as pymoo's {@code PolynomialMutation} with integer
 * rounding. Each gene whose bounds allow more than one value mutates with probability {@code rate}:
 * its bounds are widened by 0.5 on each side (so that the end values are as likely as inner ones
 * after rounding), the real-valued polynomial mutation with distribution index {@code eta} moves it
 * within the widened bounds, and the result is rounded to the nearest integer (half to even, as
 * {@code numpy.round}) and clipped into {@code [lower, upper]}. A mutation may round back to the
 * old value; only genes whose value changed are reported. Stateless apart from its parameters;
 * thread-safe.
 */
final class IntegerPolynomialMutation {

  /** The mutated genes and the changes, loci ascending. */
  record Mutated(int[] genes, int[] loci, int[] from, int[] to) {
    boolean changed() {
      return loci.length > 0;
    }
  }

  private final double eta;
  private final double rate;

  IntegerPolynomialMutation(double eta, double rate) {
    if (!(eta >= 0.0 && Double.isFinite(eta))) {
      throw new IllegalArgumentException("mutation eta must be finite and >= 0, was " + eta);
    }
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException("mutation rate must be in [0, 1], was " + rate);
    }
    this.eta = eta;
    this.rate = rate;
  }

  /**
   * Mutates a copy of {@code genes}. For every gene with more than one allowed value it draws the
   * mutation coin, and for a mutating gene one more uniform number; fixed genes draw nothing.
   */
  Mutated apply(int[] genes, GeneBounds[] bounds, RandomGenerator rng) {
    Objects.requireNonNull(rng, "rng");
    if (bounds.length != genes.length) {
      throw new IllegalArgumentException(
          "bounds must match the genes' length " + genes.length + ", was " + bounds.length);
    }
    int[] out = genes.clone();
    int[] loci = new int[genes.length];
    int changes = 0;
    for (int i = 0; i < genes.length; i++) {
      GeneBounds b = bounds[i];
      if (b.lower() == b.upper() || rng.nextDouble() >= rate) {
        continue;
      }
      double y = mutateValue(genes[i], b.lower() - 0.5, b.upper() + 0.5, eta, rng.nextDouble());
      int v = (int) Math.max(b.lower(), Math.min(b.upper(), Math.rint(y)));
      if (v != genes[i]) {
        out[i] = v;
        loci[changes++] = i;
      }
    }
    int[] at = Arrays.copyOf(loci, changes);
    int[] from = new int[changes];
    int[] to = new int[changes];
    for (int k = 0; k < changes; k++) {
      from[k] = genes[at[k]];
      to[k] = out[at[k]];
    }
    return new Mutated(out, at, from, to);
  }

  /**
   * The real-valued polynomial mutation of {@code x} in {@code [lower, upper]} for one uniform draw
   * {@code u} in {@code [0, 1)} (pymoo's {@code mut_pm}, Deb and Goyal's bounded variant): below
   * one half it moves down, otherwise up, with a spread that shrinks as {@code eta} grows. The
   * result is clipped into {@code [lower, upper]} against rounding error.
   */
  static double mutateValue(double x, double lower, double upper, double eta, double u) {
    double range = upper - lower;
    double delta1 = (x - lower) / range;
    double delta2 = (upper - x) / range;
    double power = 1.0 / (eta + 1.0);
    double deltaq;
    if (u <= 0.5) {
      double val = 2.0 * u + (1.0 - 2.0 * u) * Math.pow(1.0 - delta1, eta + 1.0);
      deltaq = Math.pow(val, power) - 1.0;
    } else {
      double val = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * Math.pow(1.0 - delta2, eta + 1.0);
      deltaq = 1.0 - Math.pow(val, power);
    }
    double y = x + deltaq * range;
    return Math.max(lower, Math.min(upper, y));
  }
}

package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.msenas.model.genome.GeneBounds;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IntegerPolynomialMutationTest {

  @Test
  void mutatedGenesStayWithinTheirBounds() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 40;
    GeneBounds[] bounds = new GeneBounds[n];
    int[] genes = new int[n];
    for (int i = 0; i < n; i++) {
      int lower = rng.nextInt(-5, 5);
      bounds[i] = new GeneBounds(lower, lower + rng.nextInt(0, 6));
    }
    IntegerPolynomialMutation mutation = new IntegerPolynomialMutation(3.0, 0.5);
    for (int trial = 0; trial < 5_000; trial++) {
      for (int i = 0; i < n; i++) {
        genes[i] = rng.nextInt(bounds[i].lower(), bounds[i].upper() + 1);
      }
      int[] out = mutation.apply(genes, bounds, rng).genes();
      for (int i = 0; i < n; i++) {
        assertThat(bounds[i].contains(out[i]))
            .as("gene %d = %d in %s", i, out[i], bounds[i])
            .isTrue();
      }
    }
  }

  @Test
  void mutatesAboutRateTimesLengthGenesOnAverage() {
    int n = 100;
    double rate = 0.1;
    GeneBounds[] bounds = filled(n, new GeneBounds(0, 1000));
    int[] genes = new int[n];
    Arrays.fill(genes, 500);
    IntegerPolynomialMutation mutation = new IntegerPolynomialMutation(3.0, rate);
    SplittableRandom rng = new SplittableRandom(12);
    int trials = 20_000;
    long changed = 0;
    for (int t = 0; t < trials; t++) {
      changed += mutation.apply(genes, bounds, rng).loci().length;
    }
    // on a 1001-value range almost every selected gene moves (rounding back to 500 has p ~ 0.002)
    assertThat(changed / (double) trials).isCloseTo(rate * n, within(0.2));
  }

  @Test
  void largerEtaMakesSmallerSteps() {
    SplittableRandom rng = new SplittableRandom(13);
    double[] etas = {1.0, 3.0, 20.0, 100.0};
    double[] meanStep = new double[etas.length];
    for (int e = 0; e < etas.length; e++) {
      double sum = 0;
      int trials = 20_000;
      for (int t = 0; t < trials; t++) {
        sum +=
            Math.abs(
                IntegerPolynomialMutation.mutateValue(50.0, -0.5, 100.5, etas[e], rng.nextDouble())
                    - 50.0);
      }
      meanStep[e] = sum / trials;
    }
    for (int e = 1; e < etas.length; e++) {
      assertThat(meanStep[e]).as("eta %s vs %s", etas[e], etas[e - 1]).isLessThan(meanStep[e - 1]);
    }
  }

  @Test
  void largerEtaMakesSmallerIntegerChanges() {
    GeneBounds[] bounds = filled(50, new GeneBounds(0, 100));
    int[] genes = new int[50];
    Arrays.fill(genes, 50);
    double weak = meanAbsoluteChange(new IntegerPolynomialMutation(1.0, 1.0), genes, bounds);
    double strong = meanAbsoluteChange(new IntegerPolynomialMutation(30.0, 1.0), genes, bounds);
    assertThat(strong).isLessThan(weak / 2);
  }

  @Test
  void realValuedStepHitsTheBoundsAtTheExtremesAndStaysAtTheMiddleDraw() {
    assertThat(IntegerPolynomialMutation.mutateValue(3.0, -0.5, 9.5, 3.0, 0.5))
        .isCloseTo(3.0, within(1e-12));
    assertThat(IntegerPolynomialMutation.mutateValue(3.0, -0.5, 9.5, 3.0, 0.0))
        .isCloseTo(-0.5, within(1e-12));
    assertThat(IntegerPolynomialMutation.mutateValue(3.0, -0.5, 9.5, 3.0, 1.0))
        .isCloseTo(9.5, within(1e-12));
  }

  @Test
  void reportsExactlyTheChangedLociWithOldAndNewValues() {
    GeneBounds[] bounds = filled(30, new GeneBounds(0, 3));
    int[] genes = new int[30];
    Arrays.fill(genes, 1);
    IntegerPolynomialMutation mutation = new IntegerPolynomialMutation(3.0, 0.3);
    SplittableRandom rng = new SplittableRandom(14);
    for (int t = 0; t < 500; t++) {
      IntegerPolynomialMutation.Mutated m = mutation.apply(genes, bounds, rng);
      int[] expectedLoci = IntStream.range(0, 30).filter(i -> m.genes()[i] != genes[i]).toArray();
      assertThat(m.loci()).containsExactly(expectedLoci);
      for (int k = 0; k < m.loci().length; k++) {
        assertThat(m.from()[k]).isEqualTo(1);
        assertThat(m.to()[k]).isEqualTo(m.genes()[m.loci()[k]]);
      }
    }
  }

  @Test
  void fixedGenesAndRateZeroNeverChange() {
    int[] genes = {2, 0, 5};
    GeneBounds[] bounds = {new GeneBounds(2, 2), new GeneBounds(0, 1), new GeneBounds(5, 5)};
    SplittableRandom rng = new SplittableRandom(15);
    for (int t = 0; t < 1_000; t++) {
      int[] out = new IntegerPolynomialMutation(3.0, 1.0).apply(genes, bounds, rng).genes();
      assertThat(out[0]).isEqualTo(2);
      assertThat(out[2]).isEqualTo(5);
      assertThat(new IntegerPolynomialMutation(3.0, 0.0).apply(genes, bounds, rng).changed())
          .isFalse();
    }
  }

  @Test
  void binaryGenesFlipInBothDirections() {
    GeneBounds[] bounds = filled(1, new GeneBounds(0, 1));
    IntegerPolynomialMutation mutation = new IntegerPolynomialMutation(3.0, 1.0);
    SplittableRandom rng = new SplittableRandom(16);
    int up = 0;
    int down = 0;
    for (int t = 0; t < 2_000; t++) {
      up += mutation.apply(new int[] {0}, bounds, rng).genes()[0];
      down += 1 - mutation.apply(new int[] {1}, bounds, rng).genes()[0];
    }
    assertThat(up).isPositive();
    assertThat(down).isPositive();
  }

  @Test
  void rejectsBadParametersNamingTheValue() {
    assertThatThrownBy(() -> new IntegerPolynomialMutation(-1.0, 0.1))
        .hasMessage("mutation eta must be finite and >= 0, was -1.0");
    assertThatThrownBy(() -> new IntegerPolynomialMutation(3.0, 1.1))
        .hasMessage("mutation rate must be in [0, 1], was 1.1");
  }

  private static double meanAbsoluteChange(
      IntegerPolynomialMutation mutation, int[] genes, GeneBounds[] bounds) {
    SplittableRandom rng = new SplittableRandom(17);
    double sum = 0;
    int count = 0;
    for (int t = 0; t < 2_000; t++) {
      int[] out = mutation.apply(genes, bounds, rng).genes();
      for (int i = 0; i < genes.length; i++) {
        sum += Math.abs(out[i] - genes[i]);
        count++;
      }
    }
    return sum / count;
  }

  private static GeneBounds[] filled(int n, GeneBounds b) {
    GeneBounds[] bounds = new GeneBounds[n];
    Arrays.fill(bounds, b);
    return bounds;
  }
}

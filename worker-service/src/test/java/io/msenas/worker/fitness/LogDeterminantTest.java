package io.msenas.worker.fitness;

import static io.msenas.worker.fitness.SahdKernelTest.cofactorDeterminant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogDeterminantTest {

  @Test
  void equalsTheLogOfTheCofactorDeterminantOfRandomMatrices() {
    SplittableRandom random = new SplittableRandom(21);
    for (int n = 1; n <= 7; n++) {
      for (int trial = 0; trial < 5; trial++) {
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
          m[i] = random.nextDouble(-10, 10);
        }
        double expected = Math.log(Math.abs(cofactorDeterminant(m, n)));

        assertThat(LogDeterminant.logAbs(m, n))
            .as("n = %d, trial %d", n, trial)
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @Test
  void ignoresTheSignAndLeavesTheMatrixAlone() {
    double[] swapped = {0, 2, 3, 0}; // det -6
    double[] copy = swapped.clone();

    assertThat(LogDeterminant.logAbs(swapped, 2)).isCloseTo(Math.log(6), within(1e-15));
    assertThat(swapped).containsExactly(copy);
  }

  @Test
  void aSingularMatrixScoresFiniteAndLowerTheMoreRankItLacks() {
    double[] full = {4, 1, 0, 1, 3, 1, 0, 1, 2};
    double[] rankTwo = {1, 2, 3, 2, 4, 6, 1, 0, 1};
    double[] rankOne = {2, 2, 2, 2, 2, 2, 2, 2, 2};

    double fullScore = LogDeterminant.logAbs(full, 3);
    double rankTwoScore = LogDeterminant.logAbs(rankTwo, 3);
    double rankOneScore = LogDeterminant.logAbs(rankOne, 3);

    assertThat(fullScore).isCloseTo(Math.log(18), within(1e-12));
    assertThat(rankTwoScore).isFinite().isLessThan(fullScore - 30);
    assertThat(rankOneScore).isFinite().isLessThan(rankTwoScore - 30);
    assertThat(LogDeterminant.logAbs(new double[9], 3)).isFinite().isLessThan(rankOneScore);
  }

  @Test
  void rejectsAMatrixOfTheWrongSize() {
    assertThatThrownBy(() -> LogDeterminant.logAbs(new double[5], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matrix must hold 2 x 2 values, had 5");
  }
}

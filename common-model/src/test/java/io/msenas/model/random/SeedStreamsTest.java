package io.msenas.model.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedStreamsTest {

  @Test
  void deriveIsTheFinaliserOfTheSeedAdvancedByGoldenSteps() {
    // SplittableRandom(s).nextLong() is mix(s + gamma): the same function, one step on
    assertThat(SeedStreams.derive(42, 0)).isEqualTo(new SplittableRandom(42).nextLong());
    assertThat(SeedStreams.derive(42, 1))
        .isEqualTo(new SplittableRandom(42 + 0x9E3779B97F4A7C15L).nextLong());
  }

  @Test
  void neighbouringSeedsAndIndicesGiveStreamsThatShareNoDraws() {
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 4; seed++) {
      for (int index = -2; index < 6; index++) {
        SplittableRandom random = new SplittableRandom(SeedStreams.derive(seed, index));
        for (int i = 0; i < 1000; i++) {
          seen.add(random.nextLong());
        }
      }
    }
    assertThat(seen).hasSize(4 * 8 * 1000);
  }
}

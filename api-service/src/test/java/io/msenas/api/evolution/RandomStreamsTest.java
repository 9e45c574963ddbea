package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  @Test
  void theSameSeedAndGenerationGiveTheSameStream() {
    long[] a = RandomStreams.forGeneration(99, 7).longs(5).toArray();
    long[] b = RandomStreams.forGeneration(99, 7).longs(5).toArray();
    assertThat(a).containsExactly(b);
  }

  @Test
  void nearbySeedsAndGenerationsGiveDistinctStreams() {
    Set<Long> firstDraws = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      for (int g = 0; g < 20; g++) {
        firstDraws.add(RandomStreams.forGeneration(seed, g).nextLong());
      }
    }
    assertThat(firstDraws).hasSize(400);
  }
}

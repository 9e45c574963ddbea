package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The layers' random streams: reproducible, and unrelated across seeds and layers. */
class NetworkWeightsStreamsTest {

  @Test
  void neighbouringSeedsAndLayersShareNoDraws() {
    // a shifted copy (the stream of seed s + 1 being that of seed s one draw on) would share all
    // but one of its values with its neighbour
    Set<Long> seen = new HashSet<>();
    int streams = 0;
    for (long seed = 0; seed < 4; seed++) {
      for (int layer = -2; layer < 6; layer++) {
        SplittableRandom random = NetworkWeights.stream(seed, layer);
        for (int i = 0; i < 1000; i++) {
          seen.add(random.nextLong());
        }
        streams++;
      }
    }
    assertThat(seen).hasSize(streams * 1000);
  }

  @Test
  void theSameSeedAndLayerGiveTheSameStream() {
    SplittableRandom a = NetworkWeights.stream(99, 7);
    SplittableRandom b = NetworkWeights.stream(99, 7);
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
  }
}

package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link SpikeRaster}'s two layouts: every neuron has its own bit, and bits stay in their step. */
class SpikeRasterTest {

  @Test
  void theInterleavedLayoutMapsEveryNeuronOfAStepToItsOwnBitOfThatStep() {
    int neurons = 3 * 256; // three blocks of 256 neurons, 4 words each
    SpikeRaster raster = new SpikeRaster(2, 3, neurons, 256);
    for (int n = 0; n < neurons; n++) {
      raster.set(1, 2, n);
      assertThat(raster.count()).as("after neuron %d", n).isEqualTo(n + 1L);
      assertThat(raster.spiked(1, 2, n)).isTrue();
      assertThat(raster.spiked(1, 1, n)).isFalse();
    }
    // all of sample 1's step 2 is set, nothing else
    for (int w = 0; w < raster.wordsPerStep(); w++) {
      assertThat(raster.word(raster.wordIndex(1, 2) + w)).isEqualTo(-1L);
      assertThat(raster.word(raster.wordIndex(1, 1) + w)).isZero();
    }
  }

  @Test
  void interleavingPutsABlocksConsecutiveNeuronsInConsecutiveWords() {
    SpikeRaster raster = new SpikeRaster(1, 1, 128, 128); // 2 words: neuron n -> word n % 2
    raster.set(0, 0, 0);
    raster.set(0, 0, 1);
    raster.set(0, 0, 2);

    assertThat(raster.word(0)).isEqualTo(0b11L); // neurons 0 and 2: bits 0 and 1 of word 0
    assertThat(raster.word(1)).isEqualTo(0b1L); // neuron 1: bit 0 of word 1
  }

  @Test
  void thePlainLayoutPacksNeuronsInOrder() {
    SpikeRaster raster = new SpikeRaster(1, 1, 100);
    raster.set(0, 0, 65);

    assertThat(raster.blockNeurons()).isZero();
    assertThat(raster.word(1)).isEqualTo(0b10L);
  }

  @Test
  void blocksThatAreNotWholeWordsOrDoNotDivideTheLayerAreRejected() {
    assertThatThrownBy(() -> new SpikeRaster(1, 1, 256, 96))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 64");
    assertThatThrownBy(() -> new SpikeRaster(1, 1, 320, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dividing the layer's 320");
  }
}

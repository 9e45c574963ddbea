package io.msenas.worker.network;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.SMOKE;
import static io.msenas.worker.network.GenomeFixtures.build;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Phenotype#parameterCount()} against counts written out term by term from docs/algorithm.md
 * section 2: conv kernels have no bias, every conv is followed by a BatchNorm with a scale and a
 * shift per output channel, identity and zero edges have no weights, the head is a Linear layer
 * with bias. MNIST: 1 input channel, 32 x 32, 10 classes; C = 8.
 */
class ParameterCountTest {

  private static final int C = 8;

  /** A conv (k x k, in -> out, no bias) and its BatchNorm (scale and shift per output channel). */
  private static long convBn(int k, int in, int out) {
    return (long) k * k * in * out + 2L * out;
  }

  @Test
  void smokeNetworkWithM1CountsStemPreprocessingEdgesReductionsAndHead() {
    // k = 3, cell 0 = m1: p(s0) 3x3, p(s1) 5x5, p(s2) 3x3, p(n3) 3x3; cells 1, 2, 3 are reductions
    Phenotype p = build(SMOKE, genome(SMOKE, 3, cell(0, 1, 0, 1, 0, 0)), C, 2);

    long stem = 3 * 3 * 1 * (3 * C) + 2 * (3 * C); // conv3x3 1 -> 24, BN 24: 216 + 48 = 264
    // cell 0 reads s0, s1, s2 = the stem three times: three LIF-conv1x1-BN, 24 -> 8: 3 * (192 + 16)
    long preprocessing = 3 * (1 * 1 * (3 * C) * C + 2 * C);
    long edges =
        (3 * 3 * C * C + 2 * C) // p(s0 -> n3) 3x3: 576 + 16
            + (5 * 5 * C * C + 2 * C) // p(s1 -> n3) 5x5: 1600 + 16
            + (3 * 3 * C * C + 2 * C) // p(s2 -> n3) 3x3
            + (3 * 3 * C * C + 2 * C); // p(n3 -> n4) 3x3
    // cell 0 outputs [n3, n4]: 2C = 16 channels. Factorized reduce to 2 * (current C): two 1x1
    // convs
    // in -> out/2 (on x and on x shifted), concat, BN over out channels (= 2 * out/2 per half)
    long reduce1 = 2 * (1 * 1 * (2 * C) * C + 2 * C); // 16 -> 16 at 16 x 16: 2 * (128 + 16)
    long reduce2 =
        2 * (1 * 1 * (2 * C) * (2 * C) + 2 * (2 * C)); // 16 -> 32 at 8 x 8: 2 * (256 + 32)
    long reduce3 =
        2 * (1 * 1 * (4 * C) * (4 * C) + 2 * (4 * C)); // 32 -> 64 at 4 x 4: 2 * (1024 + 64)
    long head = (8 * C) * 10 + 10; // Linear 64 -> 10 with bias
    long expected = stem + preprocessing + edges + reduce1 + reduce2 + reduce3 + head;

    assertThat(expected).isEqualTo(264 + 624 + 3392 + 288 + 576 + 2176 + 650).isEqualTo(7970);
    assertThat(p.parameterCount()).isEqualTo(expected);
  }

  @Test
  void smokeNetworkWithMm2CountsNoWeightsForTheIdentityEdge() {
    // k = 2, cell 0 = mm2: n2 = p(s0)+p(s1); n3 = id(s0)+n(n2); n4 = p(n2)+n(n3)
    // conv kernels in gene order: p(s0) 5x5, p(s1) 3x3, n(n2 -> n3) 3x3, p(n2 -> n4) 5x5, n(n3 ->
    // n4) 3x3
    Phenotype p = build(SMOKE, genome(SMOKE, 2, cell(0, 2, 1, 0, 0, 1, 0)), C, 2);

    long stem = 3 * 3 * 1 * (3 * C) + 2 * (3 * C); // 264
    long preprocessing = 2 * (1 * 1 * (3 * C) * C + 2 * C); // two slots read the stem: 2 * 208
    long edges =
        2 * (5 * 5 * C * C + 2 * C) // two 5x5: 2 * 1616
            + 3 * (3 * 3 * C * C + 2 * C); // three 3x3: 3 * 592; id(s0 -> n3) has none
    // cell 0 outputs [n2, n3, n4]: 3C = 24 channels
    long reduce1 = 2 * (1 * 1 * (3 * C) * C + 2 * C); // 24 -> 16: 2 * (192 + 16)
    long reduce2 = 2 * (1 * 1 * (2 * C) * (2 * C) + 2 * (2 * C)); // 16 -> 32
    long reduce3 = 2 * (1 * 1 * (4 * C) * (4 * C) + 2 * (4 * C)); // 32 -> 64
    long head = (8 * C) * 10 + 10;
    long expected = stem + preprocessing + edges + reduce1 + reduce2 + reduce3 + head;

    assertThat(expected).isEqualTo(264 + 416 + 5008 + 416 + 576 + 2176 + 650).isEqualTo(9506);
    assertThat(p.parameterCount()).isEqualTo(expected);
  }

  @Test
  void sixCellNetworkCountsTheStrideTwoConvOfPreprocessingTwoReductionsApart() {
    // k = 3, searched cells 0, 2 and 5 are m1 with 3x3 kernels; reductions at 1, 3, 4.
    // m1: n3 = p(s0) + p(s1) + p(s2); n4 = p(n3); output [n3, n4]: 2C channels.
    Phenotype p =
        build(
            SIX_CELLS,
            genome(
                SIX_CELLS,
                3,
                cell(0, 1, 0, 0, 0, 0),
                cell(2, 1, 0, 0, 0, 0),
                cell(5, 1, 0, 0, 0, 0)),
            C,
            2);

    long stem = convBn(3, 1, 3 * C);
    // cell 0 (32 x 32, C = 8): every slot is the stem (conv1x1 24 -> 8); four 3x3 edges
    long cell0 = 3 * convBn(1, 3 * C, C) + 4 * convBn(3, C, C);
    long reduce1 = 2 * convBn(1, 2 * C, C); // 16 -> 16
    // cell 2 (16 x 16, 16 channels): s0 = stem one reduction apart (factorized reduce 24 -> 16),
    // s1 = cell 0 one apart (16 -> 16), s2 = cell 1 same stage (conv1x1 16 -> 16)
    long cell2 =
        2 * convBn(1, 3 * C, C)
            + 2 * convBn(1, 2 * C, C)
            + convBn(1, 2 * C, 2 * C)
            + 4 * convBn(3, 2 * C, 2 * C);
    long reduce3 = 2 * convBn(1, 4 * C, 2 * C); // 32 -> 32
    long reduce4 = 2 * convBn(1, 4 * C, 4 * C); // 32 -> 64
    // cell 5 (4 x 4, 64 channels): s0 = cell 2 two reductions apart (factorized reduce 32 -> 64,
    // then conv3x3 stride 2 64 -> 64), s1 = cell 3 one apart (32 -> 64), s2 = cell 4 (64 -> 64)
    long cell5 =
        2 * convBn(1, 4 * C, 4 * C)
            + convBn(3, 8 * C, 8 * C)
            + 2 * convBn(1, 4 * C, 4 * C)
            + convBn(1, 8 * C, 8 * C)
            + 4 * convBn(3, 8 * C, 8 * C);
    long head = 16L * C * 10 + 10; // cell 5 outputs [n3, n4]: 128 channels
    long expected = stem + cell0 + reduce1 + cell2 + reduce3 + reduce4 + cell5 + head;

    assertThat(p.parameterCount()).isEqualTo(expected);
  }

  @Test
  void aZeroMotifDeletesItsCellPreprocessingIncluded() {
    // every searched cell m0: no cell reads its inputs, so only stem, reductions and head remain
    Phenotype p = build(SIX_CELLS, genome(SIX_CELLS, 3), C, 2);

    long stem = convBn(3, 1, 3 * C);
    long reduce1 = 2 * convBn(1, C, C); // cell 0 outputs C zero channels: 8 -> 16
    long reduce3 = 2 * convBn(1, 2 * C, 2 * C); // 16 -> 32
    long reduce4 = 2 * convBn(1, 4 * C, 4 * C); // 32 -> 64
    long head = 8L * C * 10 + 10;

    assertThat(p.parameterCount()).isEqualTo(stem + reduce1 + reduce3 + reduce4 + head);
  }

  @Test
  void eachConvCountsItsKernelAndItsBatchNorm() {
    assertThat(
            new Phenotype.Conv(
                    0,
                    "c",
                    0,
                    Phenotype.PixelView.FULL,
                    5,
                    1,
                    16,
                    24,
                    Phenotype.Clamp.NONE,
                    0,
                    0,
                    true)
                .parameterCount())
        .isEqualTo(5 * 5 * 16 * 24 + 2 * 24);
    assertThat(new Phenotype.Stem(3, 144, 0).parameterCount()).isEqualTo(3 * 3 * 3 * 144 + 2 * 144);
    assertThat(new Phenotype.Linear(384, 100).parameterCount()).isEqualTo(384 * 100 + 100);
  }
}

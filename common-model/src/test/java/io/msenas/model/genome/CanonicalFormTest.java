package io.msenas.model.genome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

  private static final SearchSpace SPACE = SearchSpace.of(6, InputKind.STATIC_IMAGE);
  private static final SearchSpace SPACE_M5 = SPACE.withMotifMax(5);

  /** Cell 0 = m2 with kernels 0,1,0,0,1,1; cell 2 = m1; cell 5 = m0; reductions at 1, 3, 4. */
  private static GenomeBuilder base() {
    return GenomeBuilder.of(SPACE)
        .motif(0, 2)
        .kernels(0, 0, 1, 0, 0, 1, 1)
        .motif(2, 1)
        .kernels(2, 1, 0, 1, 1)
        .motif(5, 0)
        .macro(3);
  }

  @Test
  void reductionCellGenesDoNotCode() {
    Genome noisy =
        base().motif(1, 3).kernels(1, 1, 1, 1, 0, 1).motif(3, 2).kernel(4, 18, 1).build();
    assertThat(SPACE.contentHash(noisy)).isEqualTo(SPACE.contentHash(base().build()));
    assertThat(SPACE.canonical(noisy)).isEqualTo(base().build());
  }

  @Test
  void kernelGenesPastTheMotifsConvEdgesDoNotCode() {
    Genome noisy =
        base().kernel(0, 6, 1).kernel(0, 18, 1).kernel(2, 4, 1).build(); // m2 uses 6, m1 uses 4
    assertThat(SPACE.contentHash(noisy)).isEqualTo(SPACE.contentHash(base().build()));
  }

  @Test
  void kernelsOfZeroMotifsDoNotCode() {
    Genome noisy = base().kernels(5, 1, 1, 1, 1, 1, 1).build();
    assertThat(SPACE.contentHash(noisy)).isEqualTo(SPACE.contentHash(base().build()));
  }

  @Test
  void motifFiveAndMotifOneAreTheSameUnderMacroTwo() {
    Genome five = GenomeBuilder.of(SPACE_M5).motif(0, 5).kernels(0, 1, 0, 1).macro(2).build();
    Genome one = GenomeBuilder.of(SPACE_M5).motif(0, 1).kernels(0, 1, 0, 1).macro(2).build();
    assertThat(SPACE_M5.contentHash(five)).isEqualTo(SPACE_M5.contentHash(one));
    assertThat(SPACE_M5.canonical(five).gene(0)).isEqualTo(1);
    // under k = 3 the same genes are m5 and m1: different networks
    Genome fiveK3 = GenomeBuilder.of(SPACE_M5).motif(0, 5).kernels(0, 1, 0, 1).macro(3).build();
    Genome oneK3 = GenomeBuilder.of(SPACE_M5).motif(0, 1).kernels(0, 1, 0, 1).macro(3).build();
    assertThat(SPACE_M5.contentHash(fiveK3)).isNotEqualTo(SPACE_M5.contentHash(oneK3));
    assertThat(SPACE_M5.canonical(fiveK3).gene(0)).isEqualTo(5);
  }

  @Test
  void everyCodingDifferenceChangesTheHash() {
    String hash = SPACE.contentHash(base().build());
    assertThat(SPACE.contentHash(base().kernel(0, 5, 0).build()))
        .isNotEqualTo(hash); // last used kernel of m2
    assertThat(SPACE.contentHash(base().kernel(2, 0, 0).build()))
        .isNotEqualTo(hash); // first kernel of m1
    assertThat(SPACE.contentHash(base().motif(0, 3).build())).isNotEqualTo(hash);
    assertThat(SPACE.contentHash(base().motif(5, 1).build())).isNotEqualTo(hash);
    assertThat(SPACE.contentHash(base().macro(2).build())).isNotEqualTo(hash);
  }

  @Test
  void randomNoiseInNonCodingGenesNeverChangesTheHashButFlippingAUsedKernelDoes() {
    SplittableRandom rng = new SplittableRandom(99);
    for (int n = 0; n < 200; n++) {
      Genome g = SPACE_M5.randomGenome(rng);
      String hash = SPACE_M5.contentHash(g);
      assertThat(hash).isEqualTo(SPACE_M5.contentHash(SPACE_M5.canonical(g)));
      List<Boolean> coding = SPACE_M5.codingMask(g);
      int[] genes = g.genes();
      int firstUsedKernel = -1;
      for (int i = 0; i < genes.length; i++) {
        if (!coding.get(i)) {
          GeneBounds b = SPACE_M5.bounds(i);
          genes[i] = rng.nextInt(b.lower(), b.upper() + 1);
        } else if (firstUsedKernel < 0
            && i % SearchSpace.GENES_PER_CELL != 0
            && i != genes.length - 1) {
          firstUsedKernel = i;
        }
      }
      assertThat(SPACE_M5.contentHash(new Genome(SearchSpace.VERSION_1, genes))).isEqualTo(hash);
      if (firstUsedKernel >= 0) {
        genes[firstUsedKernel] = 1 - genes[firstUsedKernel];
        assertThat(SPACE_M5.contentHash(new Genome(SearchSpace.VERSION_1, genes)))
            .isNotEqualTo(hash);
      }
    }
  }

  @Test
  void hashIsLowercaseHexSha256OfVersionZeroByteAndBigEndianCanonicalGenes() throws Exception {
    Genome g = base().motif(1, 3).build();
    String hash = SPACE.contentHash(g);
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(hash).isEqualTo(digest("mse-v1", SPACE.canonical(g).genes()));
    // the version string is part of the digested bytes: another version gives another hash
    assertThat(digest("mse-v2", SPACE.canonical(g).genes())).isNotEqualTo(hash);
  }

  @Test
  void hashMatchesAValueComputedOutsideJava() {
    // smoke layout (L = 4, reductions 1, 2, 3); noise in cell 0's tail and in the reduction cells.
    // Expected value computed with Python's hashlib from the canonical genes, not by this code.
    SearchSpace smoke = SearchSpace.of(4, InputKind.STATIC_IMAGE);
    Genome g =
        GenomeBuilder.of(smoke)
            .motif(0, 2)
            .kernels(0, 0, 1, 0, 0, 1, 1, 1, 0, 1)
            .kernel(0, 18, 1)
            .motif(1, 3)
            .kernels(1, 1, 1)
            .motif(3, 1)
            .kernel(3, 18, 1)
            .macro(3)
            .build();
    assertThat(smoke.contentHash(g))
        .isEqualTo("349200de702d059a81dd93f572aa32fdb117971ac5590ff1ffea159d4d11f8a0");
  }

  @Test
  void inhibitoryConvFeedbackChangesTheHashOnlyOfNetworksThatHaveSuchAnEdge() throws Exception {
    SearchSpace inhibitory = SPACE.withFeedbackSign(FeedbackSign.INHIBITORY);
    // cell 2 = m3: its p(n4 -> n3) feedback edge takes the space's sign
    Genome withFeedback = base().motif(2, 3).build();
    assertThat(inhibitory.contentHash(withFeedback))
        .isNotEqualTo(SPACE.contentHash(withFeedback))
        .isEqualTo(
            digest(
                "mse-v1",
                SPACE.canonical(withFeedback).genes(),
                "\0feedback=inhibitory".getBytes(StandardCharsets.UTF_8)));
    // m2, m1 and m0 have no conv feedback edge: the same network under either sign, one hash
    Genome withoutFeedback = base().build();
    assertThat(inhibitory.contentHash(withoutFeedback))
        .isEqualTo(SPACE.contentHash(withoutFeedback));
    // m5's feedback edge is an identity: the sign does not touch it
    Genome identityFeedback = GenomeBuilder.of(SPACE_M5).motif(0, 5).macro(3).build();
    assertThat(SPACE_M5.withFeedbackSign(FeedbackSign.INHIBITORY).contentHash(identityFeedback))
        .isEqualTo(SPACE_M5.contentHash(identityFeedback));
  }

  private static String digest(String version, int[] genes, byte[] suffix) throws Exception {
    byte[] v = version.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(v.length + 1 + 4 * genes.length + suffix.length);
    buffer.put(v).put((byte) 0);
    for (int gene : genes) {
      buffer.putInt(gene);
    }
    buffer.put(suffix);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
  }

  private static String digest(String version, int[] genes) throws Exception {
    byte[] v = version.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(v.length + 1 + 4 * genes.length);
    buffer.put(v).put((byte) 0);
    for (int gene : genes) {
      buffer
          .put((byte) (gene >>> 24))
          .put((byte) (gene >>> 16))
          .put((byte) (gene >>> 8))
          .put((byte) gene);
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
  }
}

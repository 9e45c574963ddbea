package io.msenas.model.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each template, written out literally from docs/algorithm.md's table. Node numbers: m family
 * s0..s2 = 0..2, n3 = 3, ...; mm family s0, s1 = 0, 1, n2 = 2, ....
 */
class MotifCatalogueTest {

  private static final FeedbackSign EXC = FeedbackSign.EXCITATORY;

  @Test
  void m0IsASingleZeroNode() {
    Motif m0 = MotifCatalogue.motif(3, 0, EXC);
    assertThat(m0).isEqualTo(new Motif("m0", 0, 3, List.of(node(3)), List.of(3)));
    assertThat(m0.isZero()).isTrue();
    assertThat(m0.width()).isEqualTo(1);
    assertThat(m0.convEdgesInGeneOrder()).isEmpty();
  }

  @Test
  void m1IsFeedforwardExcitation() {
    Motif m1 = MotifCatalogue.motif(3, 1, EXC);
    assertThat(m1)
        .isEqualTo(
            new Motif(
                "m1",
                1,
                3,
                List.of(node(3, p(0, 3), p(1, 3), p(2, 3)), node(4, p(3, 4))),
                List.of(3, 4)));
    assertThat(m1.convEdgesInGeneOrder()).containsExactly(p(0, 3), p(1, 3), p(2, 3), p(3, 4));
    assertThat(m1.isZero()).isFalse();
  }

  @Test
  void m2IsFeedforwardInhibition() {
    Motif m2 = MotifCatalogue.motif(3, 2, EXC);
    assertThat(m2)
        .isEqualTo(
            new Motif(
                "m2",
                2,
                3,
                List.of(
                    node(3, p(0, 3), p(1, 3), p(2, 3)),
                    node(4, n(3, 4)),
                    node(5, p(3, 5), n(4, 5))),
                List.of(3, 4, 5)));
    assertThat(m2.convEdgesInGeneOrder())
        .containsExactly(p(0, 3), p(1, 3), p(2, 3), n(3, 4), p(3, 5), n(4, 5));
  }

  @Test
  void m3IsRecurrentExcitationWithFeedbackAfterN4() {
    Motif m3 = MotifCatalogue.motif(3, 3, EXC);
    assertThat(m3)
        .isEqualTo(
            new Motif(
                "m3",
                3,
                3,
                List.of(
                    node(3, p(0, 3), p(1, 3), p(2, 3)),
                    node(4, p(3, 4)),
                    feedback(p(4, 3)),
                    node(5, p(3, 5))),
                List.of(3, 4, 5)));
    // the feedback conv edge takes the gene after the last forward conv edge
    assertThat(m3.convEdgesInGeneOrder())
        .containsExactly(p(0, 3), p(1, 3), p(2, 3), p(3, 4), p(3, 5), p(4, 3));
  }

  @Test
  void m4IsLateralInhibition() {
    Motif m4 = MotifCatalogue.motif(3, 4, EXC);
    assertThat(m4)
        .isEqualTo(
            new Motif(
                "m4",
                4,
                3,
                List.of(
                    node(3, p(0, 3), p(1, 3), p(2, 3)),
                    node(4, p(0, 4), p(1, 4), p(2, 4)),
                    node(5, p(3, 5), p(4, 5)),
                    node(6, p(3, 6), n(5, 6)),
                    node(7, p(4, 7), n(5, 7))),
                List.of(3, 4, 5, 6, 7)));
    assertThat(m4.convEdgesInGeneOrder())
        .containsExactly(
            p(0, 3), p(1, 3), p(2, 3), p(0, 4), p(1, 4), p(2, 4), p(3, 5), p(4, 5), p(3, 6),
            n(5, 6), p(4, 7), n(5, 7));
    assertThat(m4.width()).isEqualTo(5);
  }

  @Test
  void m5IsFeedbackInhibitionWithIdentityFeedback() {
    Motif m5 = MotifCatalogue.motif(3, 5, EXC);
    assertThat(m5)
        .isEqualTo(
            new Motif(
                "m5",
                5,
                3,
                List.of(node(3, p(0, 3), p(1, 3), p(2, 3)), node(4, n(3, 4)), feedback(id(4, 3))),
                List.of(3, 4)));
    assertThat(m5.convEdgesInGeneOrder()).containsExactly(p(0, 3), p(1, 3), p(2, 3), n(3, 4));
  }

  @Test
  void mm0IsASingleZeroNode() {
    Motif mm0 = MotifCatalogue.motif(2, 0, EXC);
    assertThat(mm0).isEqualTo(new Motif("mm0", 0, 2, List.of(node(2)), List.of(2)));
    assertThat(mm0.isZero()).isTrue();
    assertThat(mm0.convEdgesInGeneOrder()).isEmpty();
  }

  @Test
  void mm1HasAnIdentitySkipFromS0() {
    Motif mm1 = MotifCatalogue.motif(2, 1, EXC);
    assertThat(mm1)
        .isEqualTo(
            new Motif(
                "mm1",
                1,
                2,
                List.of(node(2, p(0, 2), p(1, 2)), node(3, id(0, 3), p(2, 3))),
                List.of(2, 3)));
    assertThat(mm1.convEdgesInGeneOrder()).containsExactly(p(0, 2), p(1, 2), p(2, 3));
  }

  @Test
  void mm2IsFeedforwardInhibition() {
    Motif mm2 = MotifCatalogue.motif(2, 2, EXC);
    assertThat(mm2)
        .isEqualTo(
            new Motif(
                "mm2",
                2,
                2,
                List.of(
                    node(2, p(0, 2), p(1, 2)),
                    node(3, id(0, 3), n(2, 3)),
                    node(4, p(2, 4), n(3, 4))),
                List.of(2, 3, 4)));
    assertThat(mm2.convEdgesInGeneOrder())
        .containsExactly(p(0, 2), p(1, 2), n(2, 3), p(2, 4), n(3, 4));
  }

  @Test
  void mm3HasTwoFeedbacksEachRightAfterItsSource() {
    Motif mm3 = MotifCatalogue.motif(2, 3, EXC);
    assertThat(mm3)
        .isEqualTo(
            new Motif(
                "mm3",
                3,
                2,
                List.of(
                    node(2, p(0, 2), p(1, 2)),
                    node(3, id(0, 3), n(2, 3)),
                    feedback(id(3, 2)),
                    node(4, id(0, 4), p(3, 4)),
                    feedback(p(4, 3))),
                List.of(2, 3, 4)));
    assertThat(mm3.convEdgesInGeneOrder())
        .containsExactly(p(0, 2), p(1, 2), n(2, 3), p(3, 4), p(4, 3));
  }

  @Test
  void convEdgeCountsMatchTheTable() {
    assertThat(MotifCatalogue.mFamily(EXC))
        .extracting(Motif::convEdgeCount)
        .containsExactly(0, 4, 6, 6, 12, 4);
    assertThat(MotifCatalogue.mmFamily(EXC))
        .extracting(Motif::convEdgeCount)
        .containsExactly(0, 3, 5, 5);
    assertThat(MotifCatalogue.mFamily(EXC))
        .extracting(Motif::name)
        .containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
    assertThat(MotifCatalogue.mmFamily(EXC))
        .extracting(Motif::name)
        .containsExactly("mm0", "mm1", "mm2", "mm3");
    assertThat(MotifCatalogue.mFamily(EXC)).hasSize(MotifCatalogue.M_FAMILY_SIZE);
    assertThat(MotifCatalogue.mmFamily(EXC)).hasSize(MotifCatalogue.MM_FAMILY_SIZE);
    assertThat(MotifCatalogue.mFamily(EXC))
        .allSatisfy(
            m -> assertThat(m.convEdgeCount()).isLessThanOrEqualTo(SearchSpace.GENES_PER_CELL - 1));
  }

  @Test
  void inhibitoryFeedbackSignTurnsOnlyConvFeedbacksInhibitory() {
    FeedbackSign inh = FeedbackSign.INHIBITORY;
    assertThat(MotifCatalogue.motif(3, 3, inh).steps().get(2)).isEqualTo(feedback(n(4, 3)));
    assertThat(MotifCatalogue.motif(3, 3, inh).convEdgesInGeneOrder()).last().isEqualTo(n(4, 3));
    assertThat(MotifCatalogue.motif(2, 3, inh).steps().get(4)).isEqualTo(feedback(n(4, 3)));
    // identity feedbacks stay identity
    assertThat(MotifCatalogue.motif(3, 5, inh).steps().get(2)).isEqualTo(feedback(id(4, 3)));
    assertThat(MotifCatalogue.motif(2, 3, inh).steps().get(2)).isEqualTo(feedback(id(3, 2)));
    // templates without a conv feedback do not depend on the sign
    for (int id : new int[] {0, 1, 2, 4, 5}) {
      assertThat(MotifCatalogue.motif(3, id, inh)).isEqualTo(MotifCatalogue.motif(3, id, EXC));
    }
    for (int id : new int[] {0, 1, 2}) {
      assertThat(MotifCatalogue.motif(2, id, inh)).isEqualTo(MotifCatalogue.motif(2, id, EXC));
    }
  }

  @Test
  void mmFamilyWrapsMotifGenesModuloFour() {
    assertThat(MotifCatalogue.motif(2, 4, EXC).name()).isEqualTo("mm0");
    assertThat(MotifCatalogue.motif(2, 5, EXC).name()).isEqualTo("mm1");
    assertThat(MotifCatalogue.motif(3, 5, EXC).name()).isEqualTo("m5");
  }

  @Test
  void rejectsUnknownMacroAndOutOfRangeMotifGenes() {
    assertThatThrownBy(() -> MotifCatalogue.motif(4, 0, EXC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("macro k must be 2 or 3, was 4");
    assertThatThrownBy(() -> MotifCatalogue.motif(3, 6, EXC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 6");
    assertThatThrownBy(() -> MotifCatalogue.motif(2, -1, EXC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }

  @Test
  void rejectsMalformedTemplates() {
    assertThatThrownBy(() -> new Motif("x", 0, 2, List.of(node(2, p(3, 2))), List.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uses node 3 before it is computed");
    assertThatThrownBy(
            () ->
                new Motif(
                    "x",
                    0,
                    2,
                    List.of(node(2, p(0, 2)), node(3, p(2, 3)), feedback(p(2, 3))),
                    List.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must follow the step computing node 2");
    assertThatThrownBy(
            () -> new Motif("x", 0, 2, List.of(node(2, p(0, 2)), feedback(p(2, 0))), List.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input slot 0");
    assertThatThrownBy(() -> new Motif("x", 0, 2, List.of(node(2, p(0, 2), p(0, 2))), List.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> new Motif("x", 0, 2, List.of(node(2, p(0, 2))), List.of(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("concat node 5");
    assertThatThrownBy(() -> new Motif("x", 0, 2, List.of(node(1, p(0, 1))), List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node 1 must be a new intermediate node");
    assertThatThrownBy(() -> new MotifStep.Node(3, List.of(p(0, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must target it");
    assertThatThrownBy(() -> new MotifEdge(2, 2, EdgeKind.EXCITATORY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 -> 2");
  }

  @Test
  void everyCodingMotifCarriesEachSlotToItsOutputAndAZeroMotifNone() {
    for (FeedbackSign sign : FeedbackSign.values()) {
      for (Motif motif :
          java.util.stream.Stream.concat(
                  MotifCatalogue.mFamily(sign).stream(), MotifCatalogue.mmFamily(sign).stream())
              .toList()) {
        for (int slot = 0; slot < motif.inputs(); slot++) {
          boolean[] one = new boolean[motif.inputs()];
          one[slot] = true;
          assertThat(motif.carriesInput(one))
              .as("%s from s%d", motif.name(), slot)
              .isEqualTo(!motif.isZero());
        }
        assertThat(motif.carriesInput(new boolean[motif.inputs()])).isFalse();
      }
    }
  }

  @Test
  void aSlotCarriesOnlyAlongEdgesFeedbackIncluded() {
    // n2 = p(s0), n3 = p(s1), output [n2]: s1 reaches n2 only through the feedback n3 -> n2
    Motif withFeedback =
        new Motif(
            "x", 0, 2, List.of(node(2, p(0, 2)), node(3, p(1, 3)), feedback(p(3, 2))), List.of(2));
    assertThat(withFeedback.carriesInput(new boolean[] {false, true})).isTrue();
    Motif without = new Motif("x", 0, 2, List.of(node(2, p(0, 2)), node(3, p(1, 3))), List.of(2));
    assertThat(without.carriesInput(new boolean[] {false, true})).isFalse();
    assertThat(without.carriesInput(new boolean[] {true, false})).isTrue();
    assertThatThrownBy(() -> without.carriesInput(new boolean[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("motif x has 2 input slots, got 3");
  }

  @Test
  void edgeKindsKnowWhichAreConvolutions() {
    assertThat(EdgeKind.EXCITATORY.isConv()).isTrue();
    assertThat(EdgeKind.INHIBITORY.isConv()).isTrue();
    assertThat(EdgeKind.IDENTITY.isConv()).isFalse();
  }

  static MotifStep node(int node, MotifEdge... inputs) {
    return new MotifStep.Node(node, List.of(inputs));
  }

  static MotifStep feedback(MotifEdge edge) {
    return new MotifStep.Feedback(edge);
  }

  static MotifEdge p(int source, int target) {
    return new MotifEdge(source, target, EdgeKind.EXCITATORY);
  }

  static MotifEdge n(int source, int target) {
    return new MotifEdge(source, target, EdgeKind.INHIBITORY);
  }

  static MotifEdge id(int source, int target) {
    return new MotifEdge(source, target, EdgeKind.IDENTITY);
  }
}

package io.msenas.model.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GenomeDecodingTest {

  private static final SearchSpace STATIC6 = SearchSpace.of(6, InputKind.STATIC_IMAGE);

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void decodesMotifsAndKernelsOfNormalCellsUnderTheMFamily() {
    Genome g =
        GenomeBuilder.of(STATIC6)
            .motif(0, 3)
            .kernels(0, 0, 1, 0, 0, 1, 1)
            .motif(2, 1)
            .kernels(2, 1, 1, 1, 0)
            .motif(5, 0)
            .kernels(5, 1, 1, 1)
            .macro(3)
            .build();
    DecodedGenome d = STATIC6.decode(g);
    assertThat(d.macroK()).isEqualTo(3);
    assertThat(d.cells())
        .containsExactly(
            new CellGenes.Normal(
                0, MotifCatalogue.motif(3, 3, FeedbackSign.EXCITATORY), List.of(3, 5, 3, 3, 5, 5)),
            new CellGenes.Reduction(1),
            new CellGenes.Normal(
                2, MotifCatalogue.motif(3, 1, FeedbackSign.EXCITATORY), List.of(5, 5, 5, 3)),
            new CellGenes.Reduction(3),
            new CellGenes.Reduction(4),
            new CellGenes.Normal(
                5, MotifCatalogue.motif(3, 0, FeedbackSign.EXCITATORY), List.of()));
  }

  @Test
  void feedbackConvEdgeReadsTheGeneAfterTheForwardEdges() {
    // m3: forward conv edges take genes b+1..b+5, the feedback p(n4 -> n3) gene b+6
    Genome g = GenomeBuilder.of(STATIC6).motif(0, 3).kernel(0, 5, 1).macro(3).build();
    CellGenes.Normal cell = (CellGenes.Normal) STATIC6.decode(g).cells().get(0);
    assertThat(cell.kernelSizes()).containsExactly(3, 3, 3, 3, 3, 5);
    assertThat(cell.kernelSizeOf(new MotifEdge(4, 3, EdgeKind.EXCITATORY))).isEqualTo(5);
    assertThat(cell.kernelSizeOf(new MotifEdge(3, 5, EdgeKind.EXCITATORY))).isEqualTo(3);
    assertThatThrownBy(() -> cell.kernelSizeOf(new MotifEdge(0, 4, EdgeKind.EXCITATORY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a conv edge of motif m3");
  }

  @Test
  void macroTwoSelectsTheMmFamilyModuloFour() {
    SearchSpace space = STATIC6.withMotifMax(5);
    Genome g = GenomeBuilder.of(space).motif(0, 5).motif(2, 4).motif(5, 3).macro(2).build();
    List<CellGenes> cells = space.decode(g).cells();
    assertThat(((CellGenes.Normal) cells.get(0)).motif().name()).isEqualTo("mm1");
    assertThat(((CellGenes.Normal) cells.get(2)).motif().name()).isEqualTo("mm0");
    assertThat(((CellGenes.Normal) cells.get(5)).motif().name()).isEqualTo("mm3");
  }

  @Test
  void decodesWithTheSpacesFeedbackSign() {
    SearchSpace space = STATIC6.withFeedbackSign(FeedbackSign.INHIBITORY);
    Genome g = GenomeBuilder.of(space).motif(0, 3).macro(3).build();
    Motif motif = ((CellGenes.Normal) space.decode(g).cells().get(0)).motif();
    assertThat(motif.convEdgesInGeneOrder())
        .last()
        .isEqualTo(new MotifEdge(4, 3, EdgeKind.INHIBITORY));
  }

  @Test
  void randomGenomesRoundTripThroughDecodeEncodeAndJson() {
    SplittableRandom rng = new SplittableRandom(20240417L);
    List<SearchSpace> spaces =
        List.of(
            STATIC6,
            STATIC6.withMotifMax(5),
            SearchSpace.of(4, InputKind.STATIC_IMAGE)
                .withMotifMax(5)
                .withFeedbackSign(FeedbackSign.INHIBITORY),
            SearchSpace.of(8, InputKind.EVENTS).withMacroRange(2, 2).withMotifMax(5),
            SearchSpace.of(10, InputKind.EVENTS).withMacroRange(3, 3).withMotifMax(5));
    for (SearchSpace space : spaces) {
      for (int n = 0; n < 100; n++) {
        Genome g = space.randomGenome(rng);
        DecodedGenome decoded = space.decode(g);
        Genome encoded = decoded.encode();
        assertThat(encoded).isEqualTo(space.canonical(g));
        assertThat(space.decode(encoded)).isEqualTo(decoded);
        assertThat(space.canonical(encoded)).isEqualTo(encoded);
        assertThat(json.readValue(json.writeValueAsString(g), Genome.class)).isEqualTo(g);
      }
    }
  }

  @Test
  void codingMaskMarksMotifAndUsedKernelGenesOfNormalCellsAndTheMacroGene() {
    Genome g = GenomeBuilder.of(STATIC6).motif(0, 1).motif(2, 0).motif(5, 2).macro(3).build();
    List<Boolean> mask = STATIC6.codingMask(g);
    assertThat(mask).hasSize(121);
    assertThat(mask.subList(0, 20))
        .containsExactlyElementsOf(flags(5, 20)); // m1: motif + 4 kernels
    assertThat(mask.subList(20, 40)).containsOnly(false); // reduction
    assertThat(mask.subList(40, 60)).containsExactlyElementsOf(flags(1, 20)); // m0: motif only
    assertThat(mask.subList(60, 100)).containsOnly(false); // reductions
    assertThat(mask.subList(100, 120))
        .containsExactlyElementsOf(flags(7, 20)); // m2: motif + 6 kernels
    assertThat(mask.get(120)).isTrue();
  }

  @Test
  void decodedGenomeRejectsShapesTheSpaceCannotProduce() {
    SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);
    Motif m1 = MotifCatalogue.motif(3, 1, FeedbackSign.EXCITATORY);
    List<CellGenes> reductions =
        List.of(new CellGenes.Reduction(1), new CellGenes.Reduction(2), new CellGenes.Reduction(3));
    assertThatThrownBy(
            () ->
                new DecodedGenome(
                    space, 2, cells(new CellGenes.Normal(0, m1, List.of(3, 3, 3, 3)), reductions)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not one this search space offers");
    assertThatThrownBy(
            () -> new DecodedGenome(space, 4, cells(new CellGenes.Reduction(0), reductions)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("macro k must be in [2, 3], was 4");
    assertThatThrownBy(
            () -> new DecodedGenome(space, 3, cells(new CellGenes.Reduction(0), reductions)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cell 0 must be a normal cell");
    assertThatThrownBy(() -> new CellGenes.Normal(0, m1, List.of(3, 3, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 4 kernel sizes")
        .hasMessageContaining("was 3");
    assertThatThrownBy(() -> new CellGenes.Normal(0, m1, List.of(3, 3, 3, 7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 or 5, was 7");
  }

  private static List<CellGenes> cells(CellGenes first, List<CellGenes> rest) {
    List<CellGenes> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static List<Boolean> flags(int leadingTrue, int size) {
    List<Boolean> flags = new ArrayList<>(Collections.nCopies(size, false));
    for (int i = 0; i < leadingTrue; i++) {
      flags.set(i, true);
    }
    return flags;
  }
}

package io.msenas.model.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SearchSpaceTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void defaultsAreTheReleasesSettings() {
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    assertThat(space)
        .isEqualTo(
            new SearchSpace("mse-v1", 6, InputKind.STATIC_IMAGE, 3, 2, 3, FeedbackSign.EXCITATORY));
    assertThat(space.genomeLength()).isEqualTo(121);
  }

  @Test
  void staticImagesReduceAtQuarterHalfAndThreeQuarters() {
    assertThat(SearchSpace.of(4, InputKind.STATIC_IMAGE).reductionCells()).containsExactly(1, 2, 3);
    assertThat(SearchSpace.of(6, InputKind.STATIC_IMAGE).reductionCells()).containsExactly(1, 3, 4);
    assertThat(SearchSpace.of(8, InputKind.STATIC_IMAGE).reductionCells()).containsExactly(2, 4, 6);
  }

  @Test
  void eventsReduceAtSixthHalfAndFiveSixths() {
    assertThat(SearchSpace.of(6, InputKind.EVENTS).reductionCells()).containsExactly(1, 3, 5);
    assertThat(SearchSpace.of(12, InputKind.EVENTS).reductionCells()).containsExactly(2, 6, 10);
  }

  @Test
  void isReductionAgreesWithReductionCellsAndRejectsCellsOutsideTheNetwork() {
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    assertThat(space.isReduction(0)).isFalse();
    assertThat(space.isReduction(1)).isTrue();
    assertThat(space.isReduction(2)).isFalse();
    assertThat(space.isReduction(3)).isTrue();
    assertThat(space.isReduction(4)).isTrue();
    assertThat(space.isReduction(5)).isFalse();
    assertThatThrownBy(() -> space.isReduction(6)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void boundsFollowTheGeneLayout() {
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE).withMotifMax(5);
    assertThat(space.bounds(0)).isEqualTo(new GeneBounds(0, 5));
    assertThat(space.bounds(1)).isEqualTo(new GeneBounds(0, 1));
    assertThat(space.bounds(19)).isEqualTo(new GeneBounds(0, 1));
    assertThat(space.bounds(20)).isEqualTo(new GeneBounds(0, 5)); // a reduction cell: same bounds
    assertThat(space.bounds(100)).isEqualTo(new GeneBounds(0, 5));
    assertThat(space.bounds(120)).isEqualTo(new GeneBounds(2, 3));
    assertThat(space.withMacroRange(3, 3).bounds(120)).isEqualTo(new GeneBounds(3, 3));
    assertThatThrownBy(() -> space.bounds(121)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(new GeneBounds(0, 1)).hasToString("[0, 1]");
    assertThat(new GeneBounds(0, 1).contains(1)).isTrue();
    assertThat(new GeneBounds(0, 1).contains(2)).isFalse();
    assertThat(new GeneBounds(0, 1).contains(-1)).isFalse();
  }

  @Test
  void randomGenomesStayInBoundsAndRepeatForASeed() {
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE).withMotifMax(5);
    for (int n = 0; n < 200; n++) {
      Genome g = space.randomGenome(new SplittableRandom(n));
      space.validate(g);
      assertThat(g).isEqualTo(space.randomGenome(new SplittableRandom(n)));
    }
  }

  @Test
  void randomGenomesReachEveryValueOfEveryGene() {
    SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE).withMotifMax(5);
    SplittableRandom rng = new SplittableRandom(7);
    boolean[][] seen = new boolean[space.genomeLength()][6];
    for (int n = 0; n < 500; n++) {
      Genome g = space.randomGenome(rng);
      for (int i = 0; i < g.length(); i++) {
        seen[i][g.gene(i)] = true;
      }
    }
    for (int i = 0; i < space.genomeLength(); i++) {
      GeneBounds b = space.bounds(i);
      for (int v = b.lower(); v <= b.upper(); v++) {
        assertThat(seen[i][v]).as("gene %d value %d", i, v).isTrue();
      }
    }
  }

  @Test
  void withersChangeOneParameter() {
    SearchSpace space = SearchSpace.of(6, InputKind.EVENTS);
    assertThat(space.withMotifMax(5).motifMax()).isEqualTo(5);
    assertThat(space.withFeedbackSign(FeedbackSign.INHIBITORY))
        .isEqualTo(
            new SearchSpace("mse-v1", 6, InputKind.EVENTS, 3, 2, 3, FeedbackSign.INHIBITORY));
    assertThat(space.withMacroRange(2, 2).macroMax()).isEqualTo(2);
  }

  @Test
  void rejectsBadParametersNamingTheValue() {
    assertThatThrownBy(() -> SearchSpace.of(2, InputKind.STATIC_IMAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cells must be in [4, 64], was 2");
    assertThatThrownBy(() -> SearchSpace.of(65, InputKind.STATIC_IMAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 65");
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    assertThatThrownBy(() -> space.withMotifMax(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("motifMax must be in [0, 5], was 6");
    assertThatThrownBy(() -> space.withMotifMax(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
    assertThatThrownBy(() -> space.withMacroRange(1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("macroMin")
        .hasMessageContaining("was 1");
    assertThatThrownBy(() -> space.withMacroRange(2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k = 4 is not offered")
        .hasMessageContaining("was 4");
    assertThatThrownBy(() -> space.withMacroRange(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("macroMax must be in [3, 3], was 2");
    assertThatThrownBy(
            () ->
                new SearchSpace(
                    "mse-v2", 6, InputKind.STATIC_IMAGE, 3, 2, 3, FeedbackSign.EXCITATORY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[mse-v1]")
        .hasMessageContaining("'mse-v2'");
    assertThatThrownBy(() -> new SearchSpace("mse-v1", 6, null, 3, 2, 3, FeedbackSign.EXCITATORY))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("inputKind");
    assertThatThrownBy(() -> space.withFeedbackSign(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("feedbackSign");
    assertThatThrownBy(() -> new GeneBounds(2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 1");
  }

  @Test
  void roundTripsThroughJson() {
    SearchSpace space =
        SearchSpace.of(8, InputKind.EVENTS)
            .withMotifMax(5)
            .withFeedbackSign(FeedbackSign.INHIBITORY);
    String text = json.writeValueAsString(space);
    assertThat(json.readTree(text))
        .isEqualTo(
            json.readTree(
                "{\"version\":\"mse-v1\",\"cells\":8,\"inputKind\":\"EVENTS\",\"motifMax\":5,\"macroMin\":2,"
                    + "\"macroMax\":3,\"feedbackSign\":\"INHIBITORY\"}"));
    assertThat(json.readValue(text, SearchSpace.class)).isEqualTo(space);
  }

  @Test
  void aNetworkWhoseLastCellIsAZeroCellCannotClassify() {
    // six cells, the last (5) searched; k = 3: motif gene 0 is m0, k = 2: motif gene 0 is mm0
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    for (int macro = 2; macro <= 3; macro++) {
      int[] genes = new int[space.genomeLength()];
      genes[0] = 1;
      genes[genes.length - 1] = macro;
      Genome zeroLast = new Genome(space.version(), genes);
      assertThat(space.canClassify(zeroLast)).isFalse();
      String motif = macro == 3 ? "m0" : "mm0";
      assertThatThrownBy(() -> space.requireCanClassify(zeroLast))
          .isInstanceOf(InvalidGenomeException.class)
          .hasMessage(
              "the last cell (cell 5) is a zero cell (motif "
                  + motif
                  + "): the head would read only zeros and the network could not classify")
          .extracting(e -> ((InvalidGenomeException) e).geneIndex())
          .isEqualTo(100);
      // any other motif in the last cell passes while the input reaches it (cells 0, 2 coding)
      genes[0] = 1;
      genes[40] = 1;
      genes[100] = 1;
      Genome codingLast = new Genome(space.version(), genes);
      assertThat(space.canClassify(codingLast)).isTrue();
      space.requireCanClassify(codingLast);
    }
  }

  @Test
  void aNetworkEndingInAReductionCellClassifiesWhenItsOnlySearchedCellCodes() {
    // four cells: 1, 2 and 3 are reductions, which pass on what cell 0 outputs
    SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);
    int[] genes = new int[space.genomeLength()];
    genes[genes.length - 1] = 3;
    genes[0] = 2;
    assertThat(space.canClassify(new Genome(space.version(), genes))).isTrue();
    genes[0] = 0;
    assertThat(space.canClassify(new Genome(space.version(), genes))).isFalse();
  }

  @Test
  void aZeroCellBeforeTheReductionsCutsTheInputOffWhenEveryLaterCellReadsOnlyCutOffCells() {
    // six cells, reductions at 1, 3, 4: cells 0, 2 and 5 are searched, cell 5 holds motif 1
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    int[] genes = new int[space.genomeLength()];
    genes[100] = 1;

    // k = 2, cell 0 zero: cell 1 reduces it (zeros), cell 2 reads cells 0 and 1, cell 5 reads 3, 4
    genes[genes.length - 1] = 2;
    genes[40] = 1;
    Genome cutAtCell0 = new Genome(space.version(), genes);
    assertThat(space.canClassify(cutAtCell0)).isFalse();
    assertThatThrownBy(() -> space.requireCanClassify(cutAtCell0))
        .isInstanceOf(InvalidGenomeException.class)
        .hasMessage(
            "no path carries the input from the stem to the head: the zero cell 0 (motif mm0)"
                + " cuts every one, so the head would read only zeros and the network could not"
                + " classify")
        .extracting(e -> ((InvalidGenomeException) e).geneIndex())
        .isEqualTo(0);

    // k = 3, cell 0 zero: cell 2 also reads the stem, so the input goes round the zero cell
    genes[genes.length - 1] = 3;
    assertThat(space.canClassify(new Genome(space.version(), genes))).isTrue();

    // k = 3, cells 0 and 2 zero: cells 3 and 4 reduce cell 2, and cell 5 reads cells 2, 3, 4; a
    // coding cell 2 would read the stem, so cell 2 is the one to blame, not cell 0
    genes[40] = 0;
    Genome cutAtCell2 = new Genome(space.version(), genes);
    assertThat(space.canClassify(cutAtCell2)).isFalse();
    assertThatThrownBy(() -> space.requireCanClassify(cutAtCell2))
        .hasMessageContaining(": the zero cell 2 (motif m0) cuts every one, so")
        .extracting(e -> ((InvalidGenomeException) e).geneIndex())
        .isEqualTo(40);
    // only cell 2 zero cuts it too
    genes[0] = 1;
    assertThat(space.canClassify(new Genome(space.version(), genes))).isFalse();

    // k = 2, cells 0 and 2 zero: a coding motif in either alone leaves the other cutting
    genes[genes.length - 1] = 2;
    genes[0] = 0;
    Genome cutTwice = new Genome(space.version(), genes);
    assertThatThrownBy(() -> space.requireCanClassify(cutTwice))
        .hasMessageContaining(
            ": the zero cells 0 (motif mm0), 2 (motif mm0) together cut every one")
        .extracting(e -> ((InvalidGenomeException) e).geneIndex())
        .isEqualTo(0);
  }

  @Test
  void whenEitherOfTwoZeroCellsAloneWouldRestoreAPathBothAreNamed() {
    // eight cells of event data, reductions at 1, 4 and 6, k = 3; cells 2 and 3 zero: cell 5 reads
    // cells 2, 3 and 4 (= reduce of 3), all cut off; a coding cell 2 feeds cell 5, a coding cell 3
    // reads cell 0 and feeds cells 4 and 5
    SearchSpace space = SearchSpace.of(8, InputKind.EVENTS);
    int[] genes = new int[space.genomeLength()];
    genes[genes.length - 1] = 3;
    for (int cell : new int[] {0, 5, 7}) {
      genes[cell * SearchSpace.GENES_PER_CELL] = 1;
    }
    Genome genome = new Genome(space.version(), genes);
    assertThat(space.canClassify(genome)).isFalse();
    assertThatThrownBy(() -> space.requireCanClassify(genome))
        .hasMessageContaining(
            ": a coding motif in any one of the zero cells 2 (motif m0), 3 (motif m0) would"
                + " restore one, so")
        .extracting(e -> ((InvalidGenomeException) e).geneIndex())
        .isEqualTo(40);
    genes[60] = 1;
    assertThat(space.canClassify(new Genome(space.version(), genes))).isTrue();
  }

  @Test
  void theShareThatCanClassifyIsExactAndMatchesTheDraws() {
    // quick: k = 3 needs coding cells 2 and 5 ((3/4)^2), k = 2 cells 0, 2 and 5 ((3/4)^3)
    SearchSpace quick = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    assertThat(quick.shareThatCanClassify()).isCloseTo(0.4921875, within(1e-12));
    // smoke: cell 0, the only searched cell, must code
    assertThat(SearchSpace.of(4, InputKind.STATIC_IMAGE).shareThatCanClassify())
        .isCloseTo(0.75, within(1e-12));
    for (SearchSpace space :
        List.of(
            SearchSpace.of(8, InputKind.EVENTS),
            SearchSpace.of(12, InputKind.STATIC_IMAGE).withMotifMax(5),
            SearchSpace.of(9, InputKind.EVENTS).withMotifMax(1).withMacroRange(2, 2))) {
      SplittableRandom rng = new SplittableRandom(11);
      int can = 0;
      int draws = 40_000;
      for (int n = 0; n < draws; n++) {
        if (space.canClassify(space.randomGenome(rng))) {
          can++;
        }
      }
      // four standard deviations of a binomial share at most 0.01
      assertThat((double) can / draws)
          .as("%s", space)
          .isCloseTo(space.shareThatCanClassify(), within(0.01));
    }
    // many cells and one coding motif: almost every draw is cut off somewhere
    assertThat(SearchSpace.of(64, InputKind.STATIC_IMAGE).withMotifMax(1).shareThatCanClassify())
        .isLessThan(0.01);
  }

  @Test
  void aRandomGenomeThatCanClassifyIsTheFirstSuchDraw() {
    SearchSpace quick = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    SplittableRandom draws = new SplittableRandom(2);
    Genome first = quick.randomGenome(draws);
    int skipped = 0;
    while (!quick.canClassify(first)) {
      first = quick.randomGenome(draws);
      skipped++;
    }
    assertThat(skipped).as("seed 2 starts with draws that cannot classify").isPositive();
    assertThat(quick.randomGenomeThatCanClassify(new SplittableRandom(2))).isEqualTo(first);
    SearchSpace none = quick.withMotifMax(0);
    assertThatThrownBy(() -> none.randomGenomeThatCanClassify(new SplittableRandom(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no network of ");
  }

  @Test
  void randomGenomesOfTheQuickSpaceIncludeNetworksThatCannotClassify() {
    // why the search filters: with k = 3 (half the draws) a zero cell 2 or 5 cuts the input off
    // (7/16 of them), with k = 2 a zero cell 0, 2 or 5 does (37/64): about half of all draws
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    SplittableRandom rng = new SplittableRandom(3);
    int cannot = 0;
    for (int n = 0; n < 1000; n++) {
      if (!space.canClassify(space.randomGenome(rng))) {
        cannot++;
      }
    }
    assertThat(cannot).isBetween(450, 570);
  }
}

package io.msenas.worker.network;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.SMOKE;
import static io.msenas.worker.network.GenomeFixtures.build;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.conv;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static io.msenas.worker.network.GenomeFixtures.groupsReading;
import static io.msenas.worker.network.GenomeFixtures.node;
import static io.msenas.worker.network.GenomeFixtures.stepIndex;
import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import io.msenas.worker.network.Phenotype.Clamp;
import io.msenas.worker.network.Phenotype.ComputeSpikes;
import io.msenas.worker.network.Phenotype.Conv;
import io.msenas.worker.network.Phenotype.Identity;
import io.msenas.worker.network.Phenotype.PixelView;
import io.msenas.worker.network.Phenotype.Shape;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.network.Phenotype.Zero;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The structure {@link PhenotypeBuilder} resolves from hand-written genomes (docs/algorithm.md
 * sections 2 and 3), with C = 8 on 32 x 32 MNIST inputs.
 */
class PhenotypeBuilderTest {

  private static final int C = 8;

  /**
   * L = 6, k = 3. Cell 0: m2 with kernels 3,5,3,5,3,5 for p(s0), p(s1), p(s2), n(n3->n4),
   * p(n3->n5), n(n4->n5). Cell 2: m3 with 3,3,3 for the three p(s) edges, 5 for p(n3->n4), 3 for
   * p(n3->n5) and 5 for the feedback p(n4->n3). Cell 5: m1 with 5,3,5 for p(s0..s2) and 5 for
   * p(n3->n4). The reduction cells 1, 3, 4 carry junk genes that must not matter.
   */
  private static final Genome M_FAMILY =
      genome(
          SIX_CELLS,
          3,
          cell(0, 2, 0, 1, 0, 1, 0, 1),
          cell(1, 3, 1, 1, 1, 1, 1, 1, 1, 1),
          cell(2, 3, 0, 0, 0, 1, 0, 1),
          cell(3, 2, 1, 1),
          cell(4, 1, 1, 0, 1),
          cell(5, 1, 1, 0, 1, 1));

  private final Phenotype m = build(SIX_CELLS, M_FAMILY, C, 2);

  @Test
  void reductionCellsHalveTheSizeAndDoubleTheChannels() {
    assertThat(node(m, "stem").shape()).isEqualTo(new Shape(32, 32, 3 * C));
    assertThat(node(m, "cell0.n3").shape()).isEqualTo(new Shape(32, 32, C));
    assertThat(node(m, "cell1.reduce").shape()).isEqualTo(new Shape(16, 16, 2 * C));
    assertThat(node(m, "cell2.n3").shape()).isEqualTo(new Shape(16, 16, 2 * C));
    assertThat(node(m, "cell3.reduce").shape()).isEqualTo(new Shape(8, 8, 4 * C));
    assertThat(node(m, "cell4.reduce").shape()).isEqualTo(new Shape(4, 4, 8 * C));
    assertThat(node(m, "cell5.n3").shape()).isEqualTo(new Shape(4, 4, 8 * C));
    assertThat(node(m, "stem").timeInvariant()).isTrue();
    assertThat(m.nodes().stream().filter(Phenotype.Node::timeInvariant)).hasSize(1);
  }

  @Test
  void aReductionCellIsAFactorizedReduceOfThePreviousCellOutput() {
    // cell 1 reads cell 0's concat [n3, n4, n5] (3C channels) and writes 2C channels at 16 x 16
    Conv even = conv(m, "cell1.reduce.even");
    Conv odd = conv(m, "cell1.reduce.odd");
    SpikeGroup lif = m.spikeGroups().get(even.spikes());
    int target = node(m, "cell1.reduce").id();

    assertThat(lif.sources())
        .containsExactly(
            node(m, "cell0.n3").id(), node(m, "cell0.n4").id(), node(m, "cell0.n5").id());
    assertThat(odd.spikes()).isEqualTo(even.spikes());
    assertThat(List.of(even.view(), odd.view())).containsExactly(PixelView.EVEN, PixelView.ODD);
    for (Conv half : List.of(even, odd)) {
      assertThat(half.kernel()).isEqualTo(1);
      assertThat(half.inChannels()).isEqualTo(3 * C);
      assertThat(half.outChannels()).isEqualTo(C);
      assertThat(half.target()).isEqualTo(target);
      assertThat(half.overwrite()).isTrue();
      assertThat(half.clamp()).isEqualTo(Clamp.NONE);
    }
    assertThat(even.targetChannelOffset()).isZero();
    assertThat(odd.targetChannelOffset()).isEqualTo(C);
  }

  @Test
  void m2EdgesCarryTheirGeneKernelsAndSignsInTemplateOrder() {
    // docs/algorithm.md: m2 | n3 = p+p+p; n4 = n(n3); n5 = p(n3)+n(n4)
    assertEdges(
        m,
        "cell0",
        C,
        edge("cell0.e0-3.0", "cell0.s0", 3, Clamp.EXCITATORY, "cell0.n3", true),
        edge("cell0.e1-3.1", "cell0.s1", 5, Clamp.EXCITATORY, "cell0.n3", false),
        edge("cell0.e2-3.2", "cell0.s2", 3, Clamp.EXCITATORY, "cell0.n3", false),
        edge("cell0.e3-4.3", "cell0.n3", 5, Clamp.INHIBITORY, "cell0.n4", true),
        edge("cell0.e3-5.4", "cell0.n3", 3, Clamp.EXCITATORY, "cell0.n5", true),
        edge("cell0.e4-5.5", "cell0.n4", 5, Clamp.INHIBITORY, "cell0.n5", false));
  }

  @Test
  void m3EdgesIncludeTheFeedbackWithTheLastKernelGene() {
    // docs/algorithm.md: m3 | n3 = p+p+p; n4 = p(n3); n5 = p(n3) | after n4: n3 += p(n4)
    assertEdges(
        m,
        "cell2",
        2 * C,
        edge("cell2.e0-3.0", "cell2.s0.reduce", 3, Clamp.EXCITATORY, "cell2.n3", true),
        edge("cell2.e1-3.1", "cell2.s1.reduce", 3, Clamp.EXCITATORY, "cell2.n3", false),
        edge("cell2.e2-3.2", "cell2.s2", 3, Clamp.EXCITATORY, "cell2.n3", false),
        edge("cell2.e3-4.3", "cell2.n3", 5, Clamp.EXCITATORY, "cell2.n4", true),
        edge("cell2.e4-3.5", "cell2.n4", 5, Clamp.EXCITATORY, "cell2.n3", false),
        edge("cell2.e3-5.4", "cell2.n3", 3, Clamp.EXCITATORY, "cell2.n5", true));
  }

  @Test
  void m1EdgesCarryTheirGeneKernels() {
    assertEdges(
        m,
        "cell5",
        8 * C,
        edge("cell5.e0-3.0", "cell5.s0.down1", 5, Clamp.EXCITATORY, "cell5.n3", true),
        edge("cell5.e1-3.1", "cell5.s1.reduce", 3, Clamp.EXCITATORY, "cell5.n3", false),
        edge("cell5.e2-3.2", "cell5.s2", 5, Clamp.EXCITATORY, "cell5.n3", false),
        edge("cell5.e3-4.3", "cell5.n3", 5, Clamp.EXCITATORY, "cell5.n4", true));
  }

  @Test
  void m3FeedbackAddsIntoN3AfterN4IsComputedAndBeforeN5ReadsIt() {
    Conv toN4 = conv(m, "cell2.e3-4.3");
    Conv feedback = conv(m, "cell2.e4-3.5");
    Conv toN5 = conv(m, "cell2.e3-5.4");

    assertThat(feedback.target()).isEqualTo(node(m, "cell2.n3").id());
    assertThat(feedback.overwrite()).as("in place: added, not overwritten").isFalse();
    assertThat(m.spikeGroups().get(feedback.spikes()).sources())
        .containsExactly(node(m, "cell2.n4").id());
    assertThat(stepIndex(m, toN4)).isLessThan(stepIndex(m, feedback));
    assertThat(stepIndex(m, feedback)).isLessThan(stepIndex(m, toN5));
    // the spikes of n4 that the feedback reads are computed after n4's edge wrote n4
    assertThat(stepIndex(m, new ComputeSpikes(feedback.spikes())))
        .isGreaterThan(stepIndex(m, toN4));
  }

  @Test
  void aNodeReadTwiceWithTheSameValueHasOneSpikeGroupCountedTwice() {
    // m2: n3 is read by n4 = n(n3) and by n5 = p(n3) with the same value
    List<SpikeGroup> n3 = groupsReading(m, "cell0.n3");

    assertThat(n3).hasSize(1);
    assertThat(n3.get(0).multiplicity()).isEqualTo(2);
    assertThat(conv(m, "cell0.e3-4.3").spikes()).isEqualTo(n3.get(0).id());
    assertThat(conv(m, "cell0.e3-5.4").spikes()).isEqualTo(n3.get(0).id());
    assertThat(groupsReading(m, "cell0.n4"))
        .singleElement()
        .extracting(SpikeGroup::multiplicity)
        .isEqualTo(1);
  }

  @Test
  void aNodeReadBeforeAndAfterItsFeedbackHasTwoSpikeGroups() {
    // m3: n4 reads n3 before the feedback adds into it, n5 after
    List<SpikeGroup> n3 = groupsReading(m, "cell2.n3");

    assertThat(n3).hasSize(2);
    assertThat(n3).extracting(SpikeGroup::multiplicity).containsExactly(1, 1);
    assertThat(conv(m, "cell2.e3-4.3").spikes()).isEqualTo(n3.get(0).id());
    assertThat(conv(m, "cell2.e3-5.4").spikes()).isEqualTo(n3.get(1).id());
    assertThat(stepIndex(m, new ComputeSpikes(n3.get(1).id())))
        .isGreaterThan(stepIndex(m, conv(m, "cell2.e4-3.5")));
  }

  @Test
  void everyLifLayerIsComputedOnceBeforeItIsRead() {
    Set<Integer> computed = new HashSet<>();
    for (Phenotype.Step step : m.steps()) {
      if (step instanceof ComputeSpikes c) {
        assertThat(computed.add(c.group())).as("group %d computed once", c.group()).isTrue();
      } else if (step instanceof Conv conv) {
        assertThat(computed).as("spikes read by %s", conv.name()).contains(conv.spikes());
      }
    }
    assertThat(computed).hasSize(m.spikeGroups().size());
  }

  @Test
  void everySpikeGroupHasItsOwnName() {
    Set<String> names = m.spikeGroups().stream().map(SpikeGroup::name).collect(Collectors.toSet());

    assertThat(names).hasSize(m.spikeGroups().size());
  }

  @Test
  void preprocessingOneReductionApartIsAFactorizedReduce() {
    // cell 2 (after reduction cell 1) reads s0 = stem and s1 = cell 0, both from before the
    // reduction
    Conv stemEven = conv(m, "cell2.s0.reduce.even");
    Conv stemOdd = conv(m, "cell2.s0.reduce.odd");
    Conv cell0Even = conv(m, "cell2.s1.reduce.even");

    assertThat(m.spikeGroups().get(stemEven.spikes()).sources())
        .containsExactly(node(m, "stem").id());
    assertThat(stemEven.view()).isEqualTo(PixelView.EVEN);
    assertThat(stemOdd.view()).isEqualTo(PixelView.ODD);
    assertThat(stemEven.inChannels()).isEqualTo(3 * C);
    assertThat(stemEven.outChannels() + stemOdd.outChannels()).isEqualTo(2 * C);
    assertThat(stemOdd.targetChannelOffset()).isEqualTo(C);
    assertThat(node(m, "cell2.s0.reduce").shape()).isEqualTo(new Shape(16, 16, 2 * C));
    assertThat(m.spikeGroups().get(cell0Even.spikes()).sources())
        .containsExactly(
            node(m, "cell0.n3").id(), node(m, "cell0.n4").id(), node(m, "cell0.n5").id());
    assertThat(cell0Even.inChannels()).isEqualTo(3 * C);
    // s2 = cell 1, same stage: LIF-conv1x1-BN
    Conv same = conv(m, "cell2.s2.conv1x1");
    assertThat(same.view()).isEqualTo(PixelView.FULL);
    assertThat(same.kernel()).isEqualTo(1);
    assertThat(same.stride()).isEqualTo(1);
    assertThat(same.inChannels()).isEqualTo(2 * C);
    assertThat(same.outChannels()).isEqualTo(2 * C);
    assertThat(same.clamp()).isEqualTo(Clamp.NONE);
    assertThat(m.spikeGroups().get(same.spikes()).sources())
        .containsExactly(node(m, "cell1.reduce").id());
  }

  @Test
  void preprocessingTwoReductionsApartAddsAStrideTwoThreeByThreeConv() {
    // cell 5 (after reductions 1, 3, 4) reads s0 = cell 2 (one reduction in), two reductions apart
    Conv even = conv(m, "cell5.s0.reduce.even");
    Conv down = conv(m, "cell5.s0.down1.conv3x3s2");

    assertThat(m.spikeGroups().get(even.spikes()).sources())
        .containsExactly(
            node(m, "cell2.n3").id(), node(m, "cell2.n4").id(), node(m, "cell2.n5").id());
    assertThat(even.inChannels()).isEqualTo(3 * 2 * C);
    assertThat(node(m, "cell5.s0.reduce").shape()).isEqualTo(new Shape(8, 8, 8 * C));
    assertThat(m.spikeGroups().get(down.spikes()).sources())
        .containsExactly(node(m, "cell5.s0.reduce").id());
    assertThat(down.kernel()).isEqualTo(3);
    assertThat(down.stride()).isEqualTo(2);
    assertThat(down.padding()).isEqualTo(1);
    assertThat(down.view()).isEqualTo(PixelView.FULL);
    assertThat(down.inChannels()).isEqualTo(8 * C);
    assertThat(down.outChannels()).isEqualTo(8 * C);
    assertThat(down.clamp()).isEqualTo(Clamp.NONE);
    assertThat(down.target()).isEqualTo(node(m, "cell5.s0.down1").id());
    assertThat(node(m, "cell5.s0.down1").shape()).isEqualTo(new Shape(4, 4, 8 * C));
    assertThat(m.convolutions().stream().filter(c -> c.name().contains(".down2"))).isEmpty();
    // s1 = cell 3 (two reductions in): one apart; s2 = cell 4: same stage
    assertThat(conv(m, "cell5.s1.reduce.odd").inChannels()).isEqualTo(4 * C);
    assertThat(conv(m, "cell5.s2.conv1x1").inChannels()).isEqualTo(8 * C);
  }

  @Test
  void theHeadReadsTheLastCellsConcat() {
    SpikeGroup head = m.spikeGroups().get(m.headSpikes());

    assertThat(head.sources()).containsExactly(node(m, "cell5.n3").id(), node(m, "cell5.n4").id());
    assertThat(head.shape()).isEqualTo(new Shape(4, 4, 2 * 8 * C));
    assertThat(m.head()).isEqualTo(new Phenotype.Linear(2 * 8 * C, 10));
    assertThat(m.stem()).isEqualTo(new Phenotype.Stem(1, 3 * C, node(m, "stem").id()));
  }

  @Test
  void theStemStandsInForMissingPreviousCellsOfTheFirstCell() {
    // cell 0 reads k = 3 previous outputs, but only the stem exists: all three slots read it
    for (String slot : List.of("cell0.s0", "cell0.s1", "cell0.s2")) {
      Conv pre = conv(m, slot + ".conv1x1");
      assertThat(m.spikeGroups().get(pre.spikes()).sources()).containsExactly(node(m, "stem").id());
      assertThat(pre.inChannels()).isEqualTo(3 * C);
      assertThat(pre.outChannels()).isEqualTo(C);
    }
  }

  @Test
  void identityEdgesOfTheMmFamilyAreIdentitySteps() {
    // k = 2, cell 0 = mm1 (kernels 5 for p(s0->n2), 3 for p(s1->n2), 5 for p(n2->n3)),
    // cell 2 = mm3 (kernels 3,3 for p(s->n2), 5 for n(n2->n3), 3 for p(n3->n4), 5 for the feedback
    // p(n4->n3))
    Genome genome =
        genome(SIX_CELLS, 2, cell(0, 1, 1, 0, 1), cell(2, 3, 0, 0, 1, 0, 1), cell(5, 2));
    Phenotype mm = build(SIX_CELLS, genome, C, 2);

    // mm1 | n2 = p(s0)+p(s1); n3 = id(s0)+p(n2): identity first overwrites, the conv adds
    Identity mm1 = new Identity(node(mm, "cell0.s0").id(), node(mm, "cell0.n3").id(), true);
    assertThat(mm.steps()).contains(mm1);
    assertThat(conv(mm, "cell0.e2-3.2").overwrite()).isFalse();
    assertThat(stepIndex(mm, mm1)).isLessThan(stepIndex(mm, conv(mm, "cell0.e2-3.2")));

    // mm3 | n2 = p+p; n3 = id(s0)+n(n2); n4 = id(s0)+p(n3) | after n3: n2 += id(n3); after n4: n3
    // += p(n4)
    int s0 = node(mm, "cell2.s0.reduce").id();
    int n2 = node(mm, "cell2.n2").id();
    int n3 = node(mm, "cell2.n3").id();
    int n4 = node(mm, "cell2.n4").id();
    Identity s0ToN3 = new Identity(s0, n3, true);
    Identity feedbackN3ToN2 = new Identity(n3, n2, false);
    Identity s0ToN4 = new Identity(s0, n4, true);
    assertThat(stepIndex(mm, s0ToN3)).isLessThan(stepIndex(mm, conv(mm, "cell2.e2-3.2")));
    assertThat(stepIndex(mm, conv(mm, "cell2.e2-3.2"))).isLessThan(stepIndex(mm, feedbackN3ToN2));
    assertThat(stepIndex(mm, feedbackN3ToN2)).isLessThan(stepIndex(mm, s0ToN4));
    assertThat(stepIndex(mm, s0ToN4)).isLessThan(stepIndex(mm, conv(mm, "cell2.e3-4.3")));
    assertThat(conv(mm, "cell2.e2-3.2").clamp()).isEqualTo(Clamp.INHIBITORY);
    assertThat(conv(mm, "cell2.e2-3.2").kernel()).isEqualTo(5);
    Conv feedback = conv(mm, "cell2.e4-3.4");
    assertThat(feedback.target()).isEqualTo(n3);
    assertThat(feedback.overwrite()).isFalse();
    assertThat(feedback.kernel()).isEqualTo(5);
    assertThat(feedback.clamp()).isEqualTo(Clamp.EXCITATORY);
    assertThat(stepIndex(mm, conv(mm, "cell2.e3-4.3"))).isLessThan(stepIndex(mm, feedback));
    // identity edges have no weights: 3 convs of mm1 and 4 + 1 of mm3 carry the cells' kernels
    assertThat(mm.convolutions().stream().filter(c -> c.name().startsWith("cell0.e"))).hasSize(3);
    assertThat(mm.convolutions().stream().filter(c -> c.name().startsWith("cell2.e"))).hasSize(5);
    // the mm family reads two previous cells: no third slot
    assertThat(mm.nodes().stream().filter(n -> n.name().startsWith("cell2.s2"))).isEmpty();
    assertThat(mm.steps().stream().filter(Identity.class::isInstance)).hasSize(1 + 3 + 1);
  }

  @Test
  void theZeroMotifYieldsAZeroStepAndNoEdges() {
    Genome genome = genome(SMOKE, 3, cell(0, 0, 1, 1, 1));
    Phenotype zero = build(SMOKE, genome, C, 2);
    int n3 = node(zero, "cell0.n3").id();

    assertThat(zero.steps()).contains(new Zero(n3));
    assertThat(zero.steps().stream().filter(Zero.class::isInstance)).hasSize(1);
    assertThat(zero.convolutions().stream().filter(c -> c.name().startsWith("cell0.e"))).isEmpty();
    assertThat(zero.steps().stream().filter(Identity.class::isInstance)).isEmpty();
    // the cell's output is [n3] alone: the reduction after it reads C channels
    assertThat(conv(zero, "cell1.reduce.even").inChannels()).isEqualTo(C);
    assertThat(zero.spikeGroups().get(conv(zero, "cell1.reduce.even").spikes()).sources())
        .containsExactly(n3);
  }

  @Test
  void inhibitoryFeedbackSignMakesTheM3FeedbackConvInhibitory() {
    var space = SIX_CELLS.withFeedbackSign(io.msenas.model.genome.FeedbackSign.INHIBITORY);
    Phenotype inhibitory =
        build(
            space,
            genome(
                space,
                3,
                cell(0, 1, 0, 0, 0, 0),
                cell(2, 3, 0, 0, 0, 1, 0, 1),
                cell(5, 1, 0, 0, 0, 0)),
            C,
            2);

    assertThat(conv(inhibitory, "cell2.e4-3.5").clamp()).isEqualTo(Clamp.INHIBITORY);
    assertThat(conv(inhibitory, "cell2.e3-4.3").clamp())
        .as("forward edges keep their sign")
        .isEqualTo(Clamp.EXCITATORY);
    assertThat(conv(m, "cell2.e4-3.5").clamp()).as("the default").isEqualTo(Clamp.EXCITATORY);
  }

  @Test
  void reductionCellGenesDoNotCode() {
    Genome other =
        genome(
            SIX_CELLS,
            3,
            cell(0, 2, 0, 1, 0, 1, 0, 1),
            cell(2, 3, 0, 0, 0, 1, 0, 1),
            cell(5, 1, 1, 0, 1, 1));

    assertThat(build(SIX_CELLS, other, C, 2)).isEqualTo(m);
  }

  private record ExpectedEdge(
      String name, String source, int kernel, Clamp clamp, String target, boolean overwrite) {}

  private static ExpectedEdge edge(
      String name, String source, int kernel, Clamp clamp, String target, boolean overwrite) {
    return new ExpectedEdge(name, source, kernel, clamp, target, overwrite);
  }

  @Test
  void
      theSearchSpaceSaysANetworkCannotClassifyExactlyWhenNoEdgeOfItsGraphCarriesTheStemToTheHead() {
    // an independent check of SearchSpace.canClassify: data flow through the built program
    SplittableRandom rng = new SplittableRandom(17);
    int cut = 0;
    for (SearchSpace space :
        List.of(SIX_CELLS, SMOKE, SearchSpace.of(8, io.msenas.model.genome.InputKind.EVENTS))) {
      for (int n = 0; n < 400; n++) {
        Genome genome = space.randomGenome(rng);
        Phenotype p = build(space, genome, 4, 1);
        boolean reachesHead = carries(p).contains(-1 - p.headSpikes());
        assertThat(space.canClassify(genome)).as("%s", genome).isEqualTo(reachesHead);
        cut += reachesHead ? 0 : 1;
      }
    }
    assertThat(cut).as("networks cut off among 1200").isBetween(100, 900);
  }

  /** Node ids, and spike groups as -1 - id, that carry the stem's value. */
  private static Set<Integer> carries(Phenotype p) {
    Set<Integer> reached = new HashSet<>();
    reached.add(p.stem().target());
    boolean changed = true;
    while (changed) {
      changed = false;
      for (SpikeGroup g : p.spikeGroups()) {
        if (g.sources().stream().anyMatch(reached::contains)) {
          changed |= reached.add(-1 - g.id());
        }
      }
      for (Phenotype.Step step : p.steps()) {
        if (step instanceof Conv c && reached.contains(-1 - c.spikes())) {
          changed |= reached.add(c.target());
        } else if (step instanceof Identity i && reached.contains(i.source())) {
          changed |= reached.add(i.target());
        }
      }
    }
    return reached;
  }

  /** The cell's motif convs are exactly {@code expected}, in this program order. */
  private static void assertEdges(
      Phenotype p, String cell, int channels, ExpectedEdge... expected) {
    List<Conv> edges =
        p.convolutions().stream().filter(c -> c.name().startsWith(cell + ".e")).toList();
    assertThat(edges)
        .extracting(Conv::name)
        .containsExactly(
            java.util.Arrays.stream(expected).map(ExpectedEdge::name).toArray(String[]::new));
    for (int i = 0; i < expected.length; i++) {
      ExpectedEdge e = expected[i];
      Conv conv = edges.get(i);
      assertThat(conv.kernel()).as("%s kernel", e.name()).isEqualTo(e.kernel());
      assertThat(conv.padding()).as("%s padding", e.name()).isEqualTo(e.kernel() / 2);
      assertThat(conv.clamp()).as("%s clamp", e.name()).isEqualTo(e.clamp());
      assertThat(conv.target()).as("%s target", e.name()).isEqualTo(node(p, e.target()).id());
      assertThat(conv.overwrite()).as("%s overwrite", e.name()).isEqualTo(e.overwrite());
      assertThat(conv.stride()).as("%s stride", e.name()).isEqualTo(1);
      assertThat(conv.view()).as("%s view", e.name()).isEqualTo(PixelView.FULL);
      assertThat(conv.inChannels()).as("%s in", e.name()).isEqualTo(channels);
      assertThat(conv.outChannels()).as("%s out", e.name()).isEqualTo(channels);
      assertThat(conv.targetChannelOffset()).as("%s offset", e.name()).isZero();
      assertThat(p.spikeGroups().get(conv.spikes()).sources())
          .as("%s reads", e.name())
          .containsExactly(node(p, e.source()).id());
    }
  }
}

package io.msenas.api.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EvolutionEngineTest {

  private final SearchSpace space = SearchSpace.of(4, InputKind.STATIC_IMAGE);
  private final EvolutionSettings small =
      EvolutionSettings.defaults().withPopulation(6).withOffspring(6).withGenerations(4);

  @Test
  void initialPopulationHasDistinctValidGenomesWithSequentialIds() {
    GenerationPlan plan = new EvolutionEngine(space, small).initialPopulation();
    assertThat(plan.generation()).isZero();
    assertThat(plan.survivors()).isEmpty();
    assertThat(plan.statistics()).isEqualTo(GenerationStatistics.undefined());
    assertThat(plan.toEvaluate())
        .extracting(Candidate::id)
        .containsExactly("g0-0", "g0-1", "g0-2", "g0-3", "g0-4", "g0-5");
    assertThat(plan.toEvaluate()).extracting(Candidate::canonicalHash).doesNotHaveDuplicates();
    for (Candidate c : plan.toEvaluate()) {
      space.validate(c.genome());
      assertThat(c.canonicalHash()).isEqualTo(space.contentHash(c.genome()));
      assertThat(c.parents()).isEmpty();
      assertThat(c.origin()).isEqualTo(Operator.INITIAL);
    }
  }

  @Test
  void theSearchIsDeterministicWhateverTheOrderOfResults() {
    EvolutionEngine engine = new EvolutionEngine(space, small);
    SearchRun.Result inOrder = SearchRun.run(engine, SearchRun.singleObjective(space), null);
    SearchRun.Result shuffled =
        SearchRun.run(
            new EvolutionEngine(space, small), SearchRun.singleObjective(space), new Random(7));

    assertThat(shuffled.initial()).isEqualTo(inOrder.initial());
    assertThat(shuffled.generations()).hasSize(4);
    for (int g = 0; g < 4; g++) {
      GenerationPlan a = inOrder.generations().get(g);
      GenerationPlan b = shuffled.generations().get(g);
      assertThat(b.toEvaluate())
          .as("candidates bred in generation %d", g)
          .isEqualTo(a.toEvaluate());
      assertThat(b.survivors()).as("survivors of generation %d", g).isEqualTo(a.survivors());
      assertThat(b.statistics()).isEqualTo(a.statistics());
    }
    assertThat(engine.winner(shuffled.last().survivors()))
        .isEqualTo(engine.winner(inOrder.last().survivors()));
    assertThat(inOrder.generations().get(0).toEvaluate()).isNotEmpty();
  }

  @Test
  void anotherSeedGivesAnotherSearch() {
    GenerationPlan a = new EvolutionEngine(space, small).initialPopulation();
    GenerationPlan b = new EvolutionEngine(space, small.withSeed(100)).initialPopulation();
    assertThat(b.toEvaluate()).isNotEqualTo(a.toEvaluate());
  }

  @Test
  void noGenerationHoldsTwoEqualCanonicalHashes() {
    SearchRun.Result run =
        SearchRun.run(new EvolutionEngine(space, small), SearchRun.singleObjective(space), null);
    List<Candidate> previous = run.initial().toEvaluate();
    List<EvaluatedCandidate> survivors = List.of();
    for (GenerationPlan plan : run.generations()) {
      // what was handed to advance, and what it bred: all distinct
      Stream<Candidate> handed =
          Stream.concat(survivors.stream().map(EvaluatedCandidate::candidate), previous.stream());
      assertThat(Stream.concat(handed, plan.toEvaluate().stream()).map(Candidate::canonicalHash))
          .as("generation %d", plan.generation())
          .doesNotHaveDuplicates();
      survivors = plan.survivors();
      previous = plan.toEvaluate();
    }
  }

  @Test
  void lineageEdgesPointToSurvivorsOfEarlierGenerations() {
    SearchRun.Result run =
        SearchRun.run(
            new EvolutionEngine(space, small.withObjectives(2)),
            SearchRun.twoObjectives(space),
            null);
    int links = 0;
    for (GenerationPlan plan : run.generations()) {
      Map<String, Candidate> parents = new HashMap<>();
      plan.survivors().forEach(s -> parents.put(s.candidate().id(), s.candidate()));
      for (Candidate child : plan.toEvaluate()) {
        assertThat(child.generation()).isEqualTo(plan.generation() + 1);
        assertThat(child.id()).startsWith("g" + child.generation() + "-");
        assertThat(child.parents()).isNotEmpty();
        for (ParentLink link : child.parents()) {
          links++;
          assertThat(parents)
              .as("parent %s of %s", link.parentId(), child.id())
              .containsKey(link.parentId());
          assertThat(parents.get(link.parentId()).generation()).isLessThan(child.generation());
          checkDetails(child, link, parents.get(link.parentId()));
        }
      }
    }
    assertThat(links).isPositive();
  }

  @Test
  void theBestSurvivingFitnessNeverDecreases() {
    EvolutionEngine engine = new EvolutionEngine(space, small.withGenerations(10));
    double best = Double.NEGATIVE_INFINITY;
    for (GenerationPlan plan :
        SearchRun.run(engine, SearchRun.singleObjective(space), null).generations()) {
      assertThat(plan.statistics().best())
          .as("generation %d", plan.generation())
          .isGreaterThanOrEqualTo(best);
      best = plan.statistics().best();
    }
  }

  @Test
  void withTwoObjectivesTheFinalFrontIsMutuallyNonDominated() {
    EvolutionEngine engine = new EvolutionEngine(space, small.withObjectives(2).withGenerations(6));
    List<EvaluatedCandidate> last =
        SearchRun.run(engine, SearchRun.twoObjectives(space), null).last().survivors();
    List<EvaluatedCandidate> front = engine.paretoFront(last);
    assertThat(front).isNotEmpty();
    for (EvaluatedCandidate a : front) {
      for (EvaluatedCandidate b : front) {
        assertThat(
                NonDominatedSorting.dominates(
                    a.objectives().minimised(), b.objectives().minimised()))
            .as("%s dominates %s", a.candidate().id(), b.candidate().id())
            .isFalse();
      }
    }
    for (EvaluatedCandidate other : last) {
      if (!front.contains(other)) {
        assertThat(front)
            .anyMatch(
                f ->
                    NonDominatedSorting.dominates(
                        f.objectives().minimised(), other.objectives().minimised()));
      }
    }
    assertThat(front).contains(engine.winner(last));
  }

  @Test
  void failedCandidatesNeverSurviveAndTheirGenomesAreNotBredAgainAtOnce() {
    // every candidate whose hash starts with 0-5 fails (about 37%)
    Function<Candidate, EvaluatedCandidate> flaky =
        c ->
            "012345".indexOf(c.canonicalHash().charAt(0)) >= 0
                ? EvaluatedCandidate.failure(c)
                : SearchRun.singleObjective(space).apply(c);
    EvolutionEngine engine = new EvolutionEngine(space, small.withGenerations(6));
    SearchRun.Result run = SearchRun.run(engine, flaky, null);
    Set<String> failed = new HashSet<>();
    List<Candidate> previous = run.initial().toEvaluate();
    for (GenerationPlan plan : run.generations()) {
      previous.stream().filter(c -> flaky.apply(c).failed()).forEach(c -> failed.add(c.id()));
      assertThat(plan.survivors()).noneMatch(EvaluatedCandidate::failed);
      assertThat(plan.survivors())
          .extracting(s -> s.candidate().id())
          .doesNotContainAnyElementsOf(failed);
      previous = plan.toEvaluate();
    }
    assertThat(failed).isNotEmpty();
  }

  @Test
  void theLastGenerationBreedsNothingAndEarlierOnesBreedAtMostTheOffspringCount() {
    SearchRun.Result run =
        SearchRun.run(new EvolutionEngine(space, small), SearchRun.singleObjective(space), null);
    assertThat(run.last().generation()).isEqualTo(3);
    assertThat(run.last().toEvaluate()).isEmpty();
    for (GenerationPlan plan : run.generations().subList(0, 3)) {
      assertThat(plan.toEvaluate()).hasSizeBetween(1, 6);
      assertThat(plan.survivors()).hasSizeLessThanOrEqualTo(6);
      assertThat(plan.statistics().diversity()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void noCandidateIsANetworkThatCannotClassify() {
    // six cells: about half of the uniform draws have zero cells that cut the input off
    SearchSpace six = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    EvolutionSettings settings = small.withPopulation(20).withOffspring(20).withGenerations(6);
    SearchRun.Result run =
        SearchRun.run(new EvolutionEngine(six, settings), SearchRun.singleObjective(six), null);
    assertThat(run.initial().toEvaluate()).hasSize(20);
    List<Candidate> all = new ArrayList<>(run.initial().toEvaluate());
    run.generations().forEach(plan -> all.addAll(plan.toEvaluate()));
    assertThat(all).hasSizeGreaterThan(100);
    assertThat(all).allSatisfy(c -> assertThat(six.canClassify(c.genome())).isTrue());
  }

  @Test
  void aSpaceWithTooFewNetworksGoesAheadWithFewerCandidates() {
    // four cells, only cell 0 searched, k = 3, motifs 0 and 1: m0 cuts the input off, m1 has four
    // kernel genes, so 16 networks can classify
    SearchSpace tiny = space.withMotifMax(1).withMacroRange(3, 3);
    EvolutionEngine engine = new EvolutionEngine(tiny, small.withPopulation(20));
    SearchRun.Result run = SearchRun.run(engine, SearchRun.singleObjective(tiny), null);
    assertThat(run.initial().toEvaluate()).hasSize(16);
    assertThat(run.generations()).allSatisfy(plan -> assertThat(plan.toEvaluate()).isEmpty());
    assertThat(run.last().survivors()).hasSize(16);
  }

  @Test
  void winnerHasTheBestFitnessWithTiesByIdAndIgnoresFailures() {
    EvolutionEngine engine = new EvolutionEngine(space, small);
    List<EvaluatedCandidate> last =
        List.of(
            TestCandidates.evaluated(space, "g3-10", 1, 5.0),
            TestCandidates.evaluated(space, "g3-2", 2, 5.0),
            TestCandidates.evaluated(space, "g2-7", 3, 4.0),
            EvaluatedCandidate.failure(TestCandidates.candidate(space, "g1-0", 4)));
    assertThat(engine.winner(last).candidate().id()).isEqualTo("g3-2");
    assertThat(engine.paretoFront(last))
        .extracting(c -> c.candidate().id())
        .containsExactly("g3-2", "g3-10");
    List<EvaluatedCandidate> allFailed =
        List.of(EvaluatedCandidate.failure(TestCandidates.candidate(space, "g1-0", 4)));
    assertThatThrownBy(() -> engine.winner(allFailed))
        .hasMessage(
            "finalSurvivors must hold a candidate that did not fail, was 1 candidates, all failed or none");
  }

  @Test
  void aPaperSizedSearchEvaluatesFiveThousandCandidates() {
    SearchSpace paper = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    EvolutionEngine engine = new EvolutionEngine(paper, EvolutionSettings.defaults());
    SearchRun.Result run = SearchRun.run(engine, SearchRun.singleObjective(paper), null);
    int evaluations =
        run.initial().toEvaluate().size()
            + run.generations().stream().mapToInt(p -> p.toEvaluate().size()).sum();
    assertThat(evaluations).isEqualTo(50 + 99 * 50);
    assertThat(run.last().generation()).isEqualTo(99);
    assertThat(run.last().statistics().best())
        .isGreaterThan(run.generations().get(0).statistics().best());
  }

  private void checkDetails(Candidate child, ParentLink link, Candidate parent) {
    switch (link.operator()) {
      case CROSSOVER -> {
        @SuppressWarnings("unchecked")
        List<Integer> points = (List<Integer>) link.details().get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0)).isBetween(1, points.get(1) - 1);
        assertThat(points.get(1)).isLessThanOrEqualTo(space.genomeLength() - 1);
      }
      case MUTATION -> {
        @SuppressWarnings("unchecked")
        List<Integer> loci = (List<Integer>) link.details().get("loci");
        @SuppressWarnings("unchecked")
        List<Integer> to = (List<Integer>) link.details().get("to");
        assertThat(loci).isNotEmpty().isSorted().hasSameSizeAs(to);
        for (int k = 0; k < loci.size(); k++) {
          assertThat(child.genome().gene(loci.get(k))).isEqualTo(to.get(k));
        }
      }
      case COPY -> assertThat(link.details()).isEmpty();
      case INITIAL ->
          throw new AssertionError("INITIAL on a link of " + child.id() + " to " + parent.id());
    }
  }
}

package io.msenas.worker.evaluation;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.SMOKE;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genes;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InvalidGenomeException;
import io.msenas.model.message.EvaluationOutcome;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.Failure;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.message.LayerSpikeRate;
import io.msenas.model.preset.Preset;
import io.msenas.worker.fitness.SynapticOperations;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Evaluator}: bad tasks fail typed and non-retryable before any data is loaded or anything
 * is simulated; a valid smoke genome on the shipped MNIST digits gives a well-formed score.
 */
class EvaluatorTest {

  private static final long SEED = 5;
  private static final FitnessConfig SMOKE_CONFIG =
      FitnessConfig.defaults(Preset.SMOKE, "mnist", SEED);

  /** k = 3, cell 0 = m2 with kernels 3,5,3,3,5,3. */
  private static final Genome M2 = genome(SMOKE, 3, cell(0, 2, 0, 1, 0, 0, 1, 0));

  /** How often the evaluator asked for a data set: a bad genome must fail before it does. */
  private final AtomicInteger datasetLoads = new AtomicInteger();

  private Evaluator evaluator;

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @BeforeEach
  void countDatasetLoads() {
    evaluator =
        new Evaluator(
            name -> {
              datasetLoads.incrementAndGet();
              return FitnessData.named(name);
            });
  }

  private static EvaluationTask task(Genome genome, FitnessConfig config) {
    return EvaluationTask.of(
        new UUID(1, 2), new UUID(3, 4), new UUID(5, 6), 1, SMOKE, genome, config);
  }

  /** A non-retryable failure that spent no time simulating, with nothing loaded. */
  private Failure assertFailedBeforeSimulating(EvaluationResult result, EvaluationTask task) {
    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.FAILED);
    assertThat(result.taskId()).isEqualTo(task.taskId());
    assertThat(result.individualId()).isEqualTo(task.individualId());
    assertThat(result.score()).isNull();
    assertThat(result.rdm()).isNull();
    assertThat(result.failure().retryable()).isFalse();
    assertThat(result.timings().simulateMs()).isZero();
    assertThat(result.timings().fitnessMs()).isZero();
    assertThat(result.provenance().seed()).isEqualTo(task.fitness().seed());
    return result.failure();
  }

  private void assertInvalidGenome(Genome genome, String... messageParts) {
    EvaluationTask task = task(genome, SMOKE_CONFIG);

    EvaluationResult result = evaluator.evaluate(task);

    Failure failure = assertFailedBeforeSimulating(result, task);
    assertThat(failure.type()).isEqualTo(Evaluator.INVALID_GENOME);
    assertThat(failure.message()).contains(messageParts);
    assertThat(result.canonicalHash()).as("an invalid genome has no content hash").isNull();
    assertThat(datasetLoads).as("data sets loaded").hasValue(0);
  }

  @Test
  void aZeroLastCellFailsTheSearchsEvaluationNamingTheCellYetIsStillScored() {
    // six cells: 0, 2 and 5 are searched; cell 5's motif gene 0 is m0, a zero cell
    Genome zeroLast =
        genome(SIX_CELLS, 3, cell(0, 2, 0, 1, 0, 0, 1, 0), cell(2, 1, 1, 1, 0, 0), cell(5, 0));
    EvaluationTask task =
        EvaluationTask.of(
            new UUID(1, 2), new UUID(3, 4), new UUID(5, 6), 1, SIX_CELLS, zeroLast, SMOKE_CONFIG);

    EvaluationResult result = evaluator.evaluate(task);

    Failure failure = assertFailedBeforeSimulating(result, task);
    assertThat(failure.type()).isEqualTo(Evaluator.INVALID_GENOME);
    assertThat(failure.message()).contains("the last cell (cell 5) is a zero cell (motif m0)");
    assertThat(result.canonicalHash()).isEqualTo(SIX_CELLS.contentHash(zeroLast));
    assertThat(datasetLoads).as("data sets loaded").hasValue(0);
    // correlation studies rank every architecture: score() applies no such rule
    Evaluator.Evaluation scored = evaluator.score(SIX_CELLS, zeroLast, SMOKE_CONFIG);
    assertThat(scored.score().score()).isFinite();
  }

  @Test
  void aGenomeOfTheWrongLengthFailsNamingBothLengths() {
    int[] genes = Arrays.copyOf(M2.genes(), SMOKE.genomeLength() - 1);

    assertInvalidGenome(new Genome(SMOKE.version(), genes), "81", "was 80");
  }

  @Test
  void aKernelGeneOutOfBoundsFailsNamingTheGeneItsValueAndBounds() {
    int[] genes = M2.genes();
    genes[3] = 7; // cell 0 kernel gene 2

    assertInvalidGenome(
        new Genome(SMOKE.version(), genes), "gene 3 ", "cell 0 kernel gene 2", "= 7", "[0, 1]");
  }

  @Test
  void aMotifGeneOutOfBoundsFailsNamingTheGeneItsValueAndBounds() {
    int[] genes = M2.genes();
    genes[0] = 4; // the default space offers motifs 0..3

    assertInvalidGenome(
        new Genome(SMOKE.version(), genes), "gene 0 ", "cell 0 motif gene", "= 4", "[0, 3]");
  }

  @Test
  void aMacroGeneOutOfBoundsFailsNamingTheGeneItsValueAndBounds() {
    int[] genes = genes(SMOKE, 4, cell(0, 2));

    assertInvalidGenome(
        new Genome(SMOKE.version(), genes), "gene 80 ", "macro gene", "= 4", "[2, 3]");
  }

  @Test
  void aGenomeOfAnotherSearchSpaceVersionFailsNamingTheVersion() {
    assertInvalidGenome(new Genome("mse-v0", M2.genes()), "'mse-v0'", "'mse-v1'");
  }

  @Test
  void scoringAnInvalidGenomeThrowsBeforeLoadingData() {
    int[] genes = M2.genes();
    genes[5] = 2; // cell 0 kernel gene 4

    assertThatThrownBy(
            () -> evaluator.score(SMOKE, new Genome(SMOKE.version(), genes), SMOKE_CONFIG))
        .isInstanceOf(InvalidGenomeException.class)
        .hasMessageContaining("gene 5 (cell 0 kernel gene 4) = 2 is out of its bounds [0, 1]")
        .extracting(e -> ((InvalidGenomeException) e).geneIndex())
        .isEqualTo(5);
    assertThat(datasetLoads).as("data sets loaded").hasValue(0);
  }

  @Test
  void anUnknownFitnessFailsNamingItAndTheKnownOnes() {
    FitnessConfig config =
        new FitnessConfig("trained-accuracy", 9, "mnist", 8, 2, 16, 2, SEED, 2.0, 0.5);
    EvaluationTask task = task(M2, config);

    EvaluationResult result = evaluator.evaluate(task);

    Failure failure = assertFailedBeforeSimulating(result, task);
    assertThat(failure.type()).isEqualTo(Evaluator.INVALID_TASK);
    assertThat(failure.message())
        .contains("'trained-accuracy' version 9")
        .contains(
            "rdm-hamming v1, rdm-pearson v1, rsa-labels v1, sahd-logdet v1, trained-accuracy v1");
    assertThat(datasetLoads).hasValue(0);
  }

  @Test
  void anUnknownFitnessVersionFailsNamingIt() {
    for (String name : List.of("rdm-hamming", "rdm-pearson", "sahd-logdet", "rsa-labels")) {
      FitnessConfig config = new FitnessConfig(name, 2, "mnist", 8, 2, 16, 2, SEED, 2.0, 0.5);
      EvaluationTask task = task(M2, config);

      Failure failure = assertFailedBeforeSimulating(evaluator.evaluate(task), task);

      assertThat(failure.type()).isEqualTo(Evaluator.INVALID_TASK);
      assertThat(failure.message()).contains("'" + name + "' version 2");
    }
    assertThat(datasetLoads).hasValue(0);
  }

  @Test
  void anUnknownDatasetFailsNamingIt() {
    FitnessConfig config = FitnessConfig.defaults(Preset.SMOKE, "cifar10", SEED);
    EvaluationTask task = task(M2, config);

    EvaluationResult result = evaluator.evaluate(task);

    Failure failure = assertFailedBeforeSimulating(result, task);
    assertThat(failure.type()).isEqualTo(Evaluator.INVALID_TASK);
    assertThat(failure.message()).contains("'cifar10'");
    assertThat(result.canonicalHash())
        .as("the genome itself was fine")
        .isEqualTo(SMOKE.contentHash(M2));
  }

  @Test
  void aValidSmokeGenomeOnShippedMnistSucceedsWithAWellFormedResult() {
    EvaluationTask task = task(M2, SMOKE_CONFIG);

    EvaluationResult result = evaluator.evaluate(task);

    assertThat(result.failure()).isNull();
    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.SUCCEEDED);
    assertThat(result.canonicalHash()).isEqualTo(SMOKE.contentHash(M2));
    assertThat(result.score()).isFinite().isPositive();
    assertThat(result.widthNormalisedScore()).isNotNull().isFinite().isPositive();
    assertThat(result.timings().simulateMs()).isPositive();

    int b = Preset.SMOKE.batchSize();
    assertThat(result.rdm().size()).isEqualTo(b).isEqualTo(16);
    double sum = 0;
    for (int i = 0; i < b; i++) {
      assertThat(result.rdm().get(i, i)).as("diagonal %d", i).isZero();
      for (int j = 0; j < b; j++) {
        assertThat(result.rdm().get(i, j))
            .as("(%d, %d)", i, j)
            .isEqualTo(result.rdm().get(j, i))
            .isNotNegative();
        sum += result.rdm().get(i, j);
      }
    }

    Evaluator.Evaluation evaluation = evaluator.score(SMOKE, M2, SMOKE_CONFIG);
    double[] batchScores = evaluation.score().batchScores();
    assertThat(batchScores).hasSize(SMOKE_CONFIG.batches());
    assertThat(sum)
        .as("the RDM is the first batch's")
        .isCloseTo(batchScores[0], within(1e-9 * batchScores[0]));
    assertThat(result.score())
        .isCloseTo(
            Arrays.stream(batchScores).average().orElseThrow(), within(1e-9 * result.score()));
    assertThat(result.parameterCount())
        .isEqualTo(evaluation.phenotype().parameterCount())
        .isPositive();
    double[] rates = new double[evaluation.phenotype().spikeGroups().size()];
    evaluation.score().layers().forEach(l -> rates[l.group()] = l.rate());
    assertThat(result.synapticOperations())
        .isPositive()
        .isEqualTo(SynapticOperations.perSample(evaluation.phenotype(), rates));

    assertThat(result.spikeRates()).hasSize(evaluation.phenotype().spikeGroups().size());
    assertThat(result.spikeRates()).allSatisfy(rate -> assertThat(rate.rate()).isBetween(0.0, 1.0));
    assertThat(result.spikeRates()).anySatisfy(rate -> assertThat(rate.rate()).isPositive());
    // m2's n3 is read twice with the same value: one LIF layer standing for two instances
    assertThat(result.spikeRates())
        .filteredOn(rate -> rate.layer().equals("cell0.lif3"))
        .singleElement()
        .extracting(LayerSpikeRate::instances)
        .isEqualTo(2);

    Nd4jRuntime.Info runtime = Nd4jRuntime.initialise();
    assertThat(result.provenance().nativeVariant())
        .isEqualTo(runtime.nativeVariant().classifier())
        .startsWith("linux-x86_64-onednn");
    assertThat(result.provenance().seed()).isEqualTo(SEED);
    assertThat(result.provenance().engineVersion()).isNotBlank();
    assertThat(datasetLoads).as("the data set is loaded once and reused").hasValue(1);
  }

  @Test
  void everyFitnessScoresAValidGenomeOnTheSameSpikes() {
    Map<String, EvaluationResult> results = new LinkedHashMap<>();
    for (String name : FitnessConfig.CURRENT_VERSIONS.keySet()) {
      FitnessConfig config = new FitnessConfig(name, 1, "mnist", 8, 2, 16, 2, SEED, 2.0, 0.5);
      results.put(name, evaluator.evaluate(task(M2, config)));
    }

    results.forEach(
        (name, result) -> {
          assertThat(result.failure()).as(name).isNull();
          assertThat(result.score()).as(name).isFinite();
          assertThat(result.rdm().size()).as(name).isEqualTo(16);
          assertThat(result.spikeRates()).as(name).isNotEmpty();
        });
    EvaluationResult hamming = results.get("rdm-hamming");
    results.forEach(
        (name, result) -> {
          // the same network, weights and batches: the same spikes, whatever scores them
          assertThat(result.spikeRates()).as(name).isEqualTo(hamming.spikeRates());
          assertThat(result.synapticOperations()).as(name).isEqualTo(hamming.synapticOperations());
        });
    assertThat(results.get("rdm-pearson").score()).isBetween(0.0, 2.0 * 16 * 15);
    assertThat(results.get("rsa-labels").score()).isBetween(-1.0, 1.0);
    assertThat(results.get("rsa-labels").rdm()).isEqualTo(hamming.rdm());
    assertThat(results.get("rdm-pearson").widthNormalisedScore()).isNull();
    assertThat(results.get("sahd-logdet").widthNormalisedScore()).isNull();
    assertThat(results.get("rsa-labels").widthNormalisedScore()).isNull();
  }

  @Test
  void reportsOneSpikeRatePerLifLayerWhenAFeedbackMakesANodeBeReadTwice() {
    Genome m3 = genome(SMOKE, 3, cell(0, 3, 0, 0, 0, 0, 0, 0));

    Evaluator.Evaluation evaluation = evaluator.score(SMOKE, m3, SMOKE_CONFIG);

    List<Phenotype.SpikeGroup> groups = evaluation.phenotype().spikeGroups();
    assertThat(evaluation.spikeRates()).hasSize(groups.size());
    assertThat(evaluation.spikeRates())
        .allSatisfy(rate -> assertThat(rate.rate()).isBetween(0.0, 1.0));
  }
}

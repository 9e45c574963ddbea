package io.msenas.worker.evaluation;

import static io.msenas.worker.network.GenomeFixtures.SMOKE;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.Genome;
import io.msenas.model.message.EvaluationOutcome;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import io.msenas.worker.fitness.FitnessFunction;
import io.msenas.worker.fitness.FitnessInput;
import io.msenas.worker.fitness.FitnessRegistry;
import io.msenas.worker.fitness.FitnessScore;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Evaluator}: only the checks before simulating make a task invalid; an {@link
 * IllegalArgumentException} from inside the engine is the worker's fault, answered retryable.
 */
class EvaluatorFailureTest {

  private static final FitnessConfig CONFIG = FitnessConfig.defaults(Preset.SMOKE, "mnist", 5);

  /** k = 3, cell 0 = m2 with kernels 3,5,3,3,5,3. */
  private static final Genome M2 = genome(SMOKE, 3, cell(0, 2, 0, 1, 0, 0, 1, 0));

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  private static EvaluationTask task(FitnessConfig config) {
    return EvaluationTask.of(new UUID(1, 2), new UUID(3, 4), new UUID(5, 6), 1, SMOKE, M2, config);
  }

  /** rdm-hamming v1 whose evaluation throws what an engine bug or a bad setting would. */
  private static Evaluator failingInside(RuntimeException thrown) {
    FitnessFunction broken =
        new FitnessFunction() {
          @Override
          public String name() {
            return FitnessConfig.RDM_HAMMING;
          }

          @Override
          public int version() {
            return 1;
          }

          @Override
          public FitnessScore evaluate(FitnessInput input) {
            throw thrown;
          }
        };
    return new Evaluator(FitnessData::named, FitnessRegistry.empty().with(broken));
  }

  @Test
  void anIllegalArgumentFromInsideTheEngineIsARetryableEvaluationError() {
    EvaluationResult result =
        failingInside(new IllegalArgumentException("msenas.simulation.pointwise must be ..."))
            .evaluate(task(CONFIG));

    assertThat(result.outcome()).isEqualTo(EvaluationOutcome.FAILED);
    assertThat(result.failure().type()).isEqualTo(Evaluator.EVALUATION_ERROR);
    assertThat(result.failure().retryable()).isTrue();
    assertThat(result.failure().message())
        .contains("IllegalArgumentException", "msenas.simulation.pointwise");
  }

  @Test
  void aFitnessFunctionRejectingTheTaskIsAnInvalidTask() {
    EvaluationResult result =
        failingInside(new InvalidTaskException("not for this data set")).evaluate(task(CONFIG));

    assertThat(result.failure().type()).isEqualTo(Evaluator.INVALID_TASK);
    assertThat(result.failure().retryable()).isFalse();
    assertThat(result.failure().message()).isEqualTo("not for this data set");
  }

  @Test
  void settingsTheDataCannotTakeAreAnInvalidTaskBeforeSimulating() {
    FitnessConfig tooLarge =
        new FitnessConfig(
            CONFIG.fitness(),
            CONFIG.fitnessVersion(),
            CONFIG.dataset(),
            CONFIG.channels(),
            CONFIG.timeSteps(),
            FitnessData.MNIST_TRAIN_SIZE + 1,
            CONFIG.batches(),
            CONFIG.seed(),
            CONFIG.tau(),
            CONFIG.threshold());

    EvaluationResult result =
        failingInside(new IllegalStateException("must not be reached")).evaluate(task(tooLarge));

    assertThat(result.failure().type()).isEqualTo(Evaluator.INVALID_TASK);
    assertThat(result.failure().retryable()).isFalse();
    assertThat(result.failure().message()).contains("batch size must be in [2, 8000]");
    assertThatThrownBy(() -> new Evaluator().score(SMOKE, M2, tooLarge))
        .isInstanceOf(InvalidTaskException.class);
  }

  @Test
  void aNetworkWithATensorOverTwoGigabytesIsAnInvalidTaskBeforeSimulating() {
    // 64 steps x 1,024 samples x the stem's 32 x 32 x 24 values: 6.4 GB in one tensor
    FitnessConfig huge =
        new FitnessConfig(
            CONFIG.fitness(),
            CONFIG.fitnessVersion(),
            CONFIG.dataset(),
            CONFIG.channels(),
            64,
            1024,
            CONFIG.batches(),
            CONFIG.seed(),
            CONFIG.tau(),
            CONFIG.threshold());

    EvaluationResult result =
        failingInside(new IllegalStateException("must not be reached")).evaluate(task(huge));

    assertThat(result.failure().type()).isEqualTo(Evaluator.INVALID_TASK);
    assertThat(result.failure().retryable()).isFalse();
    assertThat(result.failure().message())
        .contains("32 x 32 x 24 per sample", "6.44 GB", "64 time steps", "batch of 1024");
  }
}

package io.msenas.api.training;

import static io.msenas.cli.ServiceLimits.MAX_BATCH_SIZE;
import static io.msenas.cli.ServiceLimits.MAX_LEARNING_RATE;
import static io.msenas.cli.ServiceLimits.MAX_TRAINING_EPOCHS;
import static io.msenas.cli.ServiceLimits.MAX_TRAIN_SAMPLES;
import static io.msenas.cli.ServiceLimits.MIN_BATCH_SIZE;
import static io.msenas.cli.ServiceLimits.MIN_LEARNING_RATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import io.msenas.cli.ServiceLimits;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CLI's training limits ({@link ServiceLimits}) that mirror literals of {@link
 * TrainingService#resolve}: each bound is accepted by the service and one step past it rejected. In
 * the service's package for its constructor; the validation touches none of its collaborators.
 */
class CliTrainingLimitsTest {

  private final TrainingService service =
      new TrainingService(null, null, null, null, null, null, null, null);

  private static final CreateTrainingRequest.Genome GENOME = genome();

  private static CreateTrainingRequest.Genome genome() {
    // the first draw of seed 1 that can classify (a genome the service would train)
    SearchSpace space = SearchSpace.of(Preset.QUICK.cells(), InputKind.STATIC_IMAGE);
    Genome g = space.randomGenomeThatCanClassify(new SplittableRandom(1));
    return new CreateTrainingRequest.Genome(
        g.searchSpaceVersion(), Arrays.stream(g.genes()).boxed().toList());
  }

  private List<String> rejected(Integer epochs, Integer batch, Double rate, Integer samples) {
    try {
      service.resolve(
          "tenant",
          new CreateTrainingRequest(
              null, GENOME, null, null, null, null, null, epochs, batch, rate, null, null, null,
              null, null, null, samples));
      return List.of();
    } catch (InvalidSpecException e) {
      return e.violations().stream().map(FieldViolation::field).toList();
    }
  }

  @Test
  void epochs() {
    assertThat(rejected(1, null, null, null)).isEmpty();
    assertThat(rejected(MAX_TRAINING_EPOCHS, null, null, null)).isEmpty();
    assertThat(rejected(0, null, null, null)).containsExactly("epochs");
    assertThat(rejected(MAX_TRAINING_EPOCHS + 1, null, null, null)).containsExactly("epochs");
  }

  @Test
  void batchSize() {
    assertThat(rejected(null, MIN_BATCH_SIZE, null, null)).isEmpty();
    assertThat(rejected(null, MAX_BATCH_SIZE, null, null)).isEmpty();
    assertThat(rejected(null, MIN_BATCH_SIZE - 1, null, null)).containsExactly("batchSize");
    assertThat(rejected(null, MAX_BATCH_SIZE + 1, null, null)).containsExactly("batchSize");
  }

  @Test
  void learningRate() {
    assertThat(rejected(null, null, MIN_LEARNING_RATE, null)).isEmpty();
    assertThat(rejected(null, null, MAX_LEARNING_RATE, null)).isEmpty();
    assertThat(rejected(null, null, Math.nextDown(MIN_LEARNING_RATE), null))
        .containsExactly("learningRatePer1024");
    assertThat(rejected(null, null, Math.nextUp(MAX_LEARNING_RATE), null))
        .containsExactly("learningRatePer1024");
  }

  @Test
  void trainSamples() {
    assertThat(rejected(null, null, null, 0)).isEmpty();
    assertThat(rejected(null, null, null, MAX_TRAIN_SAMPLES)).isEmpty();
    assertThat(rejected(null, null, null, -1)).containsExactly("trainSamples");
    assertThat(rejected(null, null, null, MAX_TRAIN_SAMPLES + 1)).containsExactly("trainSamples");
  }
}

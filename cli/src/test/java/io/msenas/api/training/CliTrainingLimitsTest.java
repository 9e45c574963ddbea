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
import io.msenas.cli.UsageException;
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
    return rejected(null, epochs, batch, rate, samples);
  }

  private List<String> rejected(
      String preset, Integer epochs, Integer batch, Double rate, Integer samples) {
    try {
      // the genome's cells whatever the preset
      service.resolve(
          "tenant",
          new CreateTrainingRequest(
              null,
              GENOME,
              Preset.QUICK.cells(),
              null,
              preset,
              null,
              null,
              epochs,
              batch,
              rate,
              null,
              null,
              null,
              null,
              null,
              null,
              samples));
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

  @Test
  void theDefaultPresetAndItsBatchSizesAreTheServices() {
    for (Preset preset : Preset.values()) {
      assertThat(ServiceLimits.DEFAULT_TRAINING_BATCH_SIZES.get(preset.id()))
          .as(preset.id())
          .isEqualTo(TrainingDefaults.of(preset).batchSize());
    }
    assertThat(ServiceLimits.DEFAULT_TRAINING_BATCH_SIZES.keySet())
        .containsExactlyInAnyOrderElementsOf(ServiceLimits.PRESETS);
    TrainingService.Resolved unnamed =
        service.resolve(
            "tenant",
            new CreateTrainingRequest(
                null, GENOME, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null));
    assertThat(unnamed.spec().preset()).isEqualTo(ServiceLimits.DEFAULT_PRESET);
  }

  @Test
  void theCliRefusesTheBatchesTheTrainingSamplesDoNotFillAndOnlyThose() {
    List<Integer> batches = Arrays.asList(null, 2, 16, 17, 32, 33, 128, 129);
    List<Integer> samples = Arrays.asList(null, 0, 1, 2, 15, 16, 31, 32, 127, 128);
    for (String preset : ServiceLimits.PRESETS) {
      for (Integer batch : batches) {
        for (Integer n : samples) {
          boolean serviceRefuses = !rejected(preset, null, batch, null, n).isEmpty();
          boolean cliRefuses;
          try {
            ServiceLimits.requireFullBatch(preset, batch, n);
            cliRefuses = false;
          } catch (UsageException e) {
            cliRefuses = true;
          }
          assertThat(cliRefuses)
              .as("preset %s, batch %s, train samples %s", preset, batch, n)
              .isEqualTo(serviceRefuses);
        }
      }
    }
  }
}

package io.msenas.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TrainingMessagesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static TrainingHyperparameters hyperparameters() {
    return new TrainingHyperparameters(16, 4, 10, 64, 5e-3, 1e-5, 1, 0.01, 0.1, 0.0, 99, 0);
  }

  @Test
  void aTrainingTaskRoundTripsThroughJson() {
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    Genome genome = space.randomGenome(new SplittableRandom(3));
    TrainingTask task =
        new TrainingTask(
            TrainingTask.SCHEMA_VERSION,
            UUID.randomUUID(),
            2,
            space,
            genome,
            "mnist",
            hyperparameters(),
            "AAEC",
            List.of(FitnessConfig.defaults(Preset.QUICK, "mnist", 5)));
    TrainingTask back = JSON.readValue(JSON.writeValueAsString(task), TrainingTask.class);
    assertThat(back.trainingId()).isEqualTo(task.trainingId());
    assertThat(back.attempt()).isEqualTo(2);
    assertThat(back.searchSpace()).isEqualTo(space);
    assertThat(back.genome().genes()).isEqualTo(genome.genes());
    assertThat(back.hyperparameters()).isEqualTo(task.hyperparameters());
    assertThat(back.checkpoint()).isEqualTo("AAEC");
    assertThat(back.scoreWith()).isEqualTo(task.scoreWith());
  }

  @Test
  void aTaskWithoutScoreWithReadsAsAskingForNoScores() {
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    TrainingTask task =
        new TrainingTask(
            TrainingTask.SCHEMA_VERSION,
            UUID.randomUUID(),
            1,
            space,
            space.randomGenome(new SplittableRandom(4)),
            "mnist",
            hyperparameters(),
            null,
            null);
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = JSON.readValue(JSON.writeValueAsString(task), Map.class);
    fields.remove("scoreWith");
    TrainingTask back = JSON.readValue(JSON.writeValueAsString(fields), TrainingTask.class);
    assertThat(back.scoreWith()).isEmpty();
  }

  @Test
  void everyKindOfUpdateRoundTripsAndOmitsWhatItLacks() {
    UUID id = UUID.randomUUID();
    Provenance provenance = new Provenance("1", 99, "cpu", "linux-x86_64-onednn", "Haswell", "h");
    TrainingUpdate progress =
        new TrainingUpdate(
            TrainingUpdate.SCHEMA_VERSION,
            id,
            1,
            TrainingUpdate.Type.PROGRESS,
            new TrainingUpdate.Epoch(1, 10, 0.9, 0.7, 0.8, 0.05, 1e-3, 12.5, 100),
            "AAEC",
            null,
            null,
            provenance);
    String text = JSON.writeValueAsString(progress);
    assertThat(JSON.readValue(text, Map.class)).doesNotContainKeys("outcome", "failure");
    assertThat(JSON.readValue(text, TrainingUpdate.class)).isEqualTo(progress);

    TrainingUpdate done =
        new TrainingUpdate(
            TrainingUpdate.SCHEMA_VERSION,
            id,
            1,
            TrainingUpdate.Type.SUCCEEDED,
            null,
            null,
            new TrainingUpdate.Outcome(
                0.97,
                0.98,
                9,
                12345,
                210.5,
                "AAEC",
                new TrainingUpdate.UntrainedScores(
                    Map.of("rdm-hamming", 812.5, "rsa-labels", 0.12), 0.07, 3.5e6)),
            null,
            provenance);
    assertThat(JSON.readValue(JSON.writeValueAsString(done), TrainingUpdate.class)).isEqualTo(done);
  }

  @Test
  void eachUpdateTypeNeedsItsPart() {
    UUID id = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                new TrainingUpdate(
                    1, id, 1, TrainingUpdate.Type.FAILED, null, null, null, null, null))
        .hasMessageContaining("failure");
    assertThatThrownBy(
            () ->
                new TrainingUpdate(
                    1, id, 1, TrainingUpdate.Type.PROGRESS, null, null, null, null, null))
        .hasMessageContaining("epoch");
    assertThatThrownBy(
            () -> new TrainingHyperparameters(16, 4, 10, 64, 5e-3, 1e-5, 1, 0.01, 1.0, 0.0, 99, 0))
        .hasMessageContaining("labelSmoothing");
    assertThatThrownBy(
            () -> new TrainingHyperparameters(16, 4, 10, 64, 5e-3, 1e-5, 1, 0.01, 0.1, 0.0, 99, -1))
        .hasMessageContaining("trainSamples");
  }
}

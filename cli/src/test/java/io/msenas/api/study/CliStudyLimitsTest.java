package io.msenas.api.study;

import static io.msenas.cli.ServiceLimits.MAX_ARCHITECTURES;
import static io.msenas.cli.ServiceLimits.MAX_BATCH_SIZE;
import static io.msenas.cli.ServiceLimits.MAX_LEARNING_RATE;
import static io.msenas.cli.ServiceLimits.MAX_STUDY_EPOCHS;
import static io.msenas.cli.ServiceLimits.MAX_TRAIN_SAMPLES;
import static io.msenas.cli.ServiceLimits.MIN_ARCHITECTURES;
import static io.msenas.cli.ServiceLimits.MIN_BATCH_SIZE;
import static io.msenas.cli.ServiceLimits.MIN_LEARNING_RATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import io.msenas.cli.ServiceLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI's study limits ({@link ServiceLimits}) that mirror literals of {@link
 * StudyService#resolve}: each bound is accepted by the service and one step past it rejected. In
 * the service's package for its constructor; the validation touches none of its collaborators.
 */
class CliStudyLimitsTest {

  private final StudyService service = new StudyService(null, null, null, null, null);

  private record Fields(
      String dataset,
      Integer architectures,
      Integer epochs,
      Integer samples,
      Integer batch,
      Double rate,
      List<String> fitnesses) {}

  private static final Fields NONE = new Fields(null, null, null, null, null, null, null);

  private List<String> rejected(Fields f) {
    try {
      service.resolve(
          new CreateStudyRequest(
              null,
              f.dataset(),
              f.architectures(),
              f.epochs(),
              f.samples(),
              f.batch(),
              f.rate(),
              null,
              f.fitnesses()));
      return List.of();
    } catch (InvalidSpecException e) {
      return e.violations().stream().map(FieldViolation::field).toList();
    }
  }

  private List<String> architectures(int n) {
    return rejected(new Fields(null, n, null, null, null, null, null));
  }

  private List<String> epochs(int n) {
    return rejected(new Fields(null, null, n, null, null, null, null));
  }

  private List<String> samples(int n) {
    return rejected(new Fields(null, null, null, n, null, null, null));
  }

  private List<String> batch(int n) {
    return rejected(new Fields(null, null, null, null, n, null, null));
  }

  private List<String> rate(double x) {
    return rejected(new Fields(null, null, null, null, null, x, null));
  }

  @Test
  void theDefaultsPass() {
    assertThat(rejected(NONE)).isEmpty();
  }

  @Test
  void theDefaultPresetIsTheClis() {
    // its trainings' default batch is then ServiceLimits.DEFAULT_TRAINING_BATCH_SIZES's
    StudySpec spec =
        service.resolve(
            new CreateStudyRequest(null, null, null, null, null, null, null, null, null));
    assertThat(spec.preset()).isEqualTo(ServiceLimits.DEFAULT_PRESET);
    assertThat(spec.batchSize()).as("0: the trainings' default").isZero();
  }

  @Test
  void bounds() {
    assertThat(architectures(MIN_ARCHITECTURES)).isEmpty();
    assertThat(architectures(MAX_ARCHITECTURES)).isEmpty();
    assertThat(architectures(MIN_ARCHITECTURES - 1)).containsExactly("architectures");
    assertThat(architectures(MAX_ARCHITECTURES + 1)).containsExactly("architectures");
    assertThat(epochs(1)).isEmpty();
    assertThat(epochs(MAX_STUDY_EPOCHS)).isEmpty();
    assertThat(epochs(0)).containsExactly("epochs");
    assertThat(epochs(MAX_STUDY_EPOCHS + 1)).containsExactly("epochs");
    assertThat(samples(0)).isEmpty();
    assertThat(samples(MAX_TRAIN_SAMPLES)).isEmpty();
    assertThat(samples(-1)).containsExactly("trainSamples");
    assertThat(samples(MAX_TRAIN_SAMPLES + 1)).containsExactly("trainSamples");
    assertThat(batch(MIN_BATCH_SIZE)).isEmpty();
    assertThat(batch(MAX_BATCH_SIZE)).isEmpty();
    assertThat(batch(MIN_BATCH_SIZE - 1)).containsExactly("batchSize");
    assertThat(batch(MAX_BATCH_SIZE + 1)).containsExactly("batchSize");
    assertThat(rate(MIN_LEARNING_RATE)).isEmpty();
    assertThat(rate(MAX_LEARNING_RATE)).isEmpty();
    assertThat(rate(Math.nextDown(MIN_LEARNING_RATE))).containsExactly("learningRatePer1024");
    assertThat(rate(Math.nextUp(MAX_LEARNING_RATE))).containsExactly("learningRatePer1024");
    assertThat(rate(Double.NaN)).containsExactly("learningRatePer1024");
  }

  @Test
  void dataSetsAndFitnesses() {
    for (String dataset : ServiceLimits.STUDY_DATASETS) {
      assertThat(rejected(new Fields(dataset, null, null, null, null, null, null))).isEmpty();
    }
    assertThat(rejected(new Fields("cifar10", null, null, null, null, null, null)))
        .containsExactly("dataset");
    for (String fitness : ServiceLimits.STUDY_FITNESSES) {
      assertThat(rejected(new Fields(null, null, null, null, null, null, List.of(fitness))))
          .isEmpty();
    }
  }
}

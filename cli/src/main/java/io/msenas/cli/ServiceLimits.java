package io.msenas.cli;

import io.msenas.api.search.SearchSpecResolver;
import io.msenas.api.study.StudyService;
import io.msenas.api.training.TrainingService;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API service accepts in the fields the commands' flags set, so that a value it would
 * reject is a bad command line (exit 2) before anything starts, not a failure after start-up. The
 * service's own constants where it names them; the rest mirror the literals of its validation
 * ({@code TrainingService.resolve}, {@code StudyService.resolve}, {@code SearchSpecResolver}), and
 * the cli module's {@code CliTrainingLimitsTest}, {@code CliStudyLimitsTest} and {@code
 * CliSearchLimitsTest} hold them to what the service accepts.
 */
public final class ServiceLimits {

  /** Preset names: every {@link Preset}. */
  public static final List<String> PRESETS =
      Arrays.stream(Preset.values()).map(Preset::id).sorted().toList();

  /** The preset of a training or study whose request names none. */
  public static final String DEFAULT_PRESET = Preset.QUICK.id();

  // searches (POST /v1/searches)
  public static final Set<String> SEARCH_DATASETS = SearchSpecResolver.DATASETS;
  public static final Set<String> SEARCH_FITNESSES = SearchSpecResolver.FITNESSES;
  public static final int MIN_POPULATION = 2;
  public static final int MAX_POPULATION = SearchSpecResolver.MAX_POPULATION;
  public static final int MAX_GENERATIONS = SearchSpecResolver.MAX_GENERATIONS;

  // trainings (POST /v1/trainings), and the trainings of a study
  public static final Set<String> TRAINING_DATASETS = TrainingService.DATASETS;
  public static final int MAX_TRAINING_EPOCHS = 10_000;
  public static final int MIN_BATCH_SIZE = 2;
  public static final int MAX_BATCH_SIZE = 4096;
  public static final int MAX_TRAIN_SAMPLES = 10_000_000;
  public static final double MIN_LEARNING_RATE = 1e-6;
  public static final double MAX_LEARNING_RATE = 10.0;

  /**
   * The batch size of a training (and of a study's trainings) that gives none, by preset id: the
   * service's {@code TrainingDefaults}, package-private there (the cli module's {@code
   * CliTrainingLimitsTest} holds them equal). The service refuses a {@code trainSamples} below the
   * batch: a training step takes a full batch.
   */
  public static final Map<String, Integer> DEFAULT_TRAINING_BATCH_SIZES =
      Map.of(Preset.SMOKE.id(), 16, Preset.QUICK.id(), 32, Preset.PAPER.id(), 128);

  // studies (POST /v1/studies)
  public static final Set<String> STUDY_DATASETS = Set.of("mnist");
  public static final Set<String> STUDY_FITNESSES = FitnessConfig.TRAINING_FREE;
  public static final int MIN_ARCHITECTURES = 3;
  public static final int MAX_ARCHITECTURES = StudyService.MAX_ARCHITECTURES;
  public static final int MAX_STUDY_EPOCHS = 1000;

  private ServiceLimits() {}

  /**
   * The service's rule across two flags: with {@code --train-samples} N (not 0, all), the batch,
   * given or the preset's default, must be at most N.
   *
   * @param preset the preset the training gets (a name the service does not know is its to refuse)
   * @param batchSize {@code --batch-size}, or null for the preset's default
   * @param trainSamples {@code --train-samples}, or null when not given
   * @throws UsageException naming both flags and their values
   */
  public static void requireFullBatch(String preset, Integer batchSize, Integer trainSamples) {
    if (trainSamples == null || trainSamples == 0) {
      return;
    }
    if (trainSamples < MIN_BATCH_SIZE) {
      // no batch size fits
      throw new UsageException(
          "--train-samples must be 0 (all) or at least "
              + MIN_BATCH_SIZE
              + " (the smallest --batch-size), was "
              + trainSamples);
    }
    if (batchSize != null) {
      if (batchSize > trainSamples) {
        throw new UsageException(
            "--batch-size "
                + batchSize
                + " must be at most --train-samples "
                + trainSamples
                + ": a training step takes a full batch of the training split");
      }
      return;
    }
    Integer batch = DEFAULT_TRAINING_BATCH_SIZES.get(preset);
    if (batch != null && batch > trainSamples) {
      throw new UsageException(
          "--train-samples "
              + trainSamples
              + " is smaller than the "
              + preset
              + " preset's batch size ("
              + batch
              + ", as --batch-size was not given): a training step takes a full batch; give"
              + " --batch-size "
              + trainSamples
              + " or less, or --train-samples "
              + batch
              + " or more");
    }
  }
}

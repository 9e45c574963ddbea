package io.msenas.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to train one architecture, sent from the API service to a worker. A re-dispatched
 * training (its worker died, its lease expired) carries the last checkpoint the API received, and
 * the worker resumes from it.
 *
 * <p>Immutable and thread-safe. JSON, schema version {@value #SCHEMA_VERSION}.
 *
 * @param schemaVersion the message schema version, {@value #SCHEMA_VERSION}
 * @param trainingId the training job, never {@code null}
 * @param attempt which attempt, 1 for the first; updates echo it, and the API ignores those of
 *     older attempts
 * @param searchSpace the space that decodes the genome, never {@code null}
 * @param genome the architecture, never {@code null}
 * @param dataset the data set to train on ({@code mnist}, {@code cifar10}, ...), never blank
 * @param hyperparameters how to train, never {@code null}
 * @param checkpoint the checkpoint to resume from (base64 of its bytes), or {@code null} to start
 * @param scoreWith training-free fitness functions to score the untrained network with before it
 *     trains (a correlation study's member), reported with the outcome; empty (or absent in JSON)
 *     for none
 */
public record TrainingTask(
    int schemaVersion,
    UUID trainingId,
    int attempt,
    SearchSpace searchSpace,
    Genome genome,
    String dataset,
    TrainingHyperparameters hyperparameters,
    String checkpoint,
    // left out when empty: a worker of an older build reads the task as before
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FitnessConfig> scoreWith) {

  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Validates the fields. */
  public TrainingTask {
    Checks.requireSchemaVersion(schemaVersion, SCHEMA_VERSION, "TrainingTask");
    Objects.requireNonNull(trainingId, "trainingId");
    Checks.requirePositive(attempt, "attempt");
    Objects.requireNonNull(searchSpace, "searchSpace");
    Objects.requireNonNull(genome, "genome");
    Checks.requireNonBlank(dataset, "dataset");
    Objects.requireNonNull(hyperparameters, "hyperparameters");
    scoreWith = scoreWith == null ? List.of() : List.copyOf(scoreWith);
  }
}

package io.msenas.model.message;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.SearchSpace;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to score one genome, sent from the evolution engine to a worker.
 *
 * <p>The record checks that every part is present; it does not check that the genome fits the
 * search space, so that a worker can still parse such a task and answer it with a non-retryable
 * {@link EvaluationResult#failed failure} naming the task (the worker calls {@link
 * SearchSpace#validate}).
 *
 * <p>Immutable and thread-safe. JSON, schema version {@value #SCHEMA_VERSION}.
 *
 * @param schemaVersion the message schema version, {@value #SCHEMA_VERSION}
 * @param taskId this delivery's task id, never {@code null}; the result echoes it
 * @param jobId the search job, never {@code null}
 * @param individualId the individual being scored, never {@code null}
 * @param attempt which attempt at this individual, 1 for the first, {@code >= 1}
 * @param searchSpace the space that decodes the genome, never {@code null}
 * @param genome the genome, never {@code null}
 * @param fitness how to score it, never {@code null}
 */
public record EvaluationTask(
    int schemaVersion,
    @NotNull UUID taskId,
    @NotNull UUID jobId,
    @NotNull UUID individualId,
    @Positive int attempt,
    @NotNull SearchSpace searchSpace,
    @NotNull Genome genome,
    @NotNull FitnessConfig fitness) {

  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Validates the fields. */
  public EvaluationTask {
    Checks.requireSchemaVersion(schemaVersion, SCHEMA_VERSION, "EvaluationTask");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(individualId, "individualId");
    Checks.requirePositive(attempt, "attempt");
    Objects.requireNonNull(searchSpace, "searchSpace");
    Objects.requireNonNull(genome, "genome");
    Objects.requireNonNull(fitness, "fitness");
  }

  /**
   * A task of the current schema version.
   *
   * @param taskId this delivery's task id
   * @param jobId the search job
   * @param individualId the individual being scored
   * @param attempt which attempt, 1 for the first
   * @param searchSpace the space that decodes the genome
   * @param genome the genome
   * @param fitness how to score it
   * @return the task
   */
  public static EvaluationTask of(
      UUID taskId,
      UUID jobId,
      UUID individualId,
      int attempt,
      SearchSpace searchSpace,
      Genome genome,
      FitnessConfig fitness) {
    return new EvaluationTask(
        SCHEMA_VERSION, taskId, jobId, individualId, attempt, searchSpace, genome, fitness);
  }
}

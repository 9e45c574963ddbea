package io.msenas.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a worker reports about a training, from start to end, on the training-update queue: a {@link
 * Type#HEARTBEAT} while an epoch runs (it renews the lease), a {@link Type#PROGRESS} after every
 * epoch (with that epoch's figures and a checkpoint to resume from), then exactly one of {@link
 * Type#SUCCEEDED} (with the trained model) or {@link Type#FAILED}.
 *
 * <p>Immutable and thread-safe. JSON, schema version {@value #SCHEMA_VERSION}.
 *
 * @param schemaVersion the message schema version, {@value #SCHEMA_VERSION}
 * @param trainingId the training job, never {@code null}
 * @param attempt the attempt of the task this answers
 * @param type what this update is, never {@code null}
 * @param epoch the epoch just finished (PROGRESS), or {@code null}
 * @param checkpoint base64 of a checkpoint after that epoch (PROGRESS), or {@code null}
 * @param outcome the result (SUCCEEDED), or {@code null}
 * @param failure why it failed (FAILED), or {@code null}
 * @param provenance where and with what it ran, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingUpdate(
    int schemaVersion,
    UUID trainingId,
    int attempt,
    Type type,
    Epoch epoch,
    String checkpoint,
    Outcome outcome,
    Failure failure,
    Provenance provenance) {

  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Kinds of update. */
  public enum Type {
    HEARTBEAT,
    PROGRESS,
    SUCCEEDED,
    FAILED
  }

  /**
   * One finished epoch.
   *
   * @param epoch 1-based
   * @param epochs of the run
   * @param loss mean training loss
   * @param trainAccuracy accuracy on the training batches (as trained)
   * @param validationAccuracy accuracy on the validation split (inference mode)
   * @param spikeRate mean spikes per LIF neuron per step
   * @param learningRate the rate at the epoch's end
   * @param elapsedSeconds training time so far (all attempts)
   * @param etaSeconds estimated time to the end
   */
  public record Epoch(
      int epoch,
      int epochs,
      double loss,
      double trainAccuracy,
      double validationAccuracy,
      double spikeRate,
      double learningRate,
      double elapsedSeconds,
      double etaSeconds) {}

  /**
   * A finished training.
   *
   * @param testAccuracy the selected model's accuracy on the test split, measured once
   * @param bestValidationAccuracy the selected epoch's validation accuracy
   * @param bestEpoch the selected epoch
   * @param parameterCount trainable parameters
   * @param samplesPerSecond training throughput (samples per second of training steps)
   * @param model base64 of the trained model (weights, architecture and provenance)
   * @param untrained the training-free scores of the untrained network, when the task asked for
   *     them ({@link TrainingTask#scoreWith()}), or {@code null}
   */
  public record Outcome(
      double testAccuracy,
      double bestValidationAccuracy,
      int bestEpoch,
      long parameterCount,
      double samplesPerSecond,
      String model,
      UntrainedScores untrained) {}

  /**
   * What the untrained (seeded random-weight) network scored before training.
   *
   * @param scores fitness name to score, for each function the task named
   * @param spikeRate mean spikes per LIF neuron per step over the scored batches (all neurons of
   *     all layers weighted equally)
   * @param synapticOperations estimated synaptic operations per sample
   */
  public record UntrainedScores(
      Map<String, Double> scores, double spikeRate, double synapticOperations) {

    /** Copies the map, keeping its order. */
    public UntrainedScores {
      scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }
  }

  /** Validates the fields that every update carries, and that each type has its part. */
  public TrainingUpdate {
    Checks.requireSchemaVersion(schemaVersion, SCHEMA_VERSION, "TrainingUpdate");
    Objects.requireNonNull(trainingId, "trainingId");
    Checks.requirePositive(attempt, "attempt");
    Objects.requireNonNull(type, "type");
    switch (type) {
      case PROGRESS -> Objects.requireNonNull(epoch, "epoch of a PROGRESS update");
      case SUCCEEDED -> Objects.requireNonNull(outcome, "outcome of a SUCCEEDED update");
      case FAILED -> Objects.requireNonNull(failure, "failure of a FAILED update");
      case HEARTBEAT -> {}
    }
  }
}

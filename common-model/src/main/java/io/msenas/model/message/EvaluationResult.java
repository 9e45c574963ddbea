package io.msenas.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A worker's answer to one {@link EvaluationTask}.
 *
 * <p>Shape by outcome, enforced here so that a failed evaluation can never be cached as a score:
 * {@link EvaluationOutcome#SUCCEEDED} carries a canonical hash, a score and an RDM and no failure;
 * {@link EvaluationOutcome#FAILED} carries a failure and no score, width-normalised score, synaptic
 * operations or RDM (its canonical hash may be {@code null}, e.g. when the genome did not decode).
 * Every result carries timings and provenance.
 *
 * <p>Immutable and thread-safe. JSON, schema version {@value #SCHEMA_VERSION}; {@code null} fields
 * are left out.
 *
 * @param schemaVersion the message schema version, {@value #SCHEMA_VERSION}
 * @param taskId the task answered, never {@code null}
 * @param individualId the individual scored, never {@code null}
 * @param outcome how the evaluation ended, never {@code null}
 * @param canonicalHash the genome's content hash (64 lowercase hex characters); {@code null} only
 *     when FAILED
 * @param score the fitness (larger is better), finite; {@code null} exactly when FAILED
 * @param widthNormalisedScore the score with each layer's distances divided by its width, finite,
 *     or {@code null} when the fitness has none; always {@code null} when FAILED
 * @param spikeRates per-layer spike rates; copied, empty when none ({@code null} reads as empty)
 * @param parameterCount trainable parameters of the network, {@code >= 0} (0 when unknown)
 * @param synapticOperations estimated synaptic operations per sample (SOPs, engine.md "Synaptic
 *     operations"), finite and {@code >= 0}, or {@code null} when unknown (results of workers that
 *     predate the field, the no-op scorer); always {@code null} when FAILED. Optional within schema
 *     version 1: absent in JSON means unknown
 * @param timings where the time went, never {@code null}
 * @param provenance where the result came from, never {@code null}
 * @param rdm the dissimilarity matrix the score sums; {@code null} exactly when FAILED
 * @param failure why it failed; {@code null} exactly when SUCCEEDED
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(
    int schemaVersion,
    @NotNull UUID taskId,
    @NotNull UUID individualId,
    @NotNull EvaluationOutcome outcome,
    String canonicalHash,
    Double score,
    Double widthNormalisedScore,
    @NotNull List<LayerSpikeRate> spikeRates,
    @PositiveOrZero long parameterCount,
    @PositiveOrZero Double synapticOperations,
    @NotNull Timings timings,
    @NotNull Provenance provenance,
    Rdm rdm,
    Failure failure) {

  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates the fields and their shape for the outcome. */
  public EvaluationResult {
    Checks.requireSchemaVersion(schemaVersion, SCHEMA_VERSION, "EvaluationResult");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(individualId, "individualId");
    Objects.requireNonNull(outcome, "outcome");
    if (canonicalHash != null && !SHA256_HEX.matcher(canonicalHash).matches()) {
      throw new IllegalArgumentException(
          "canonicalHash must be 64 lowercase hex characters, was '" + canonicalHash + "'");
    }
    requireFiniteOrNull(score, "score");
    requireFiniteOrNull(widthNormalisedScore, "widthNormalisedScore");
    spikeRates = spikeRates == null ? List.of() : List.copyOf(spikeRates);
    if (parameterCount < 0) {
      throw new IllegalArgumentException("parameterCount must be >= 0, was " + parameterCount);
    }
    if (synapticOperations != null
        && !(Double.isFinite(synapticOperations) && synapticOperations >= 0)) {
      throw new IllegalArgumentException(
          "synapticOperations must be finite and >= 0, was " + synapticOperations);
    }
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(provenance, "provenance");
    if (outcome.isSuccessful()) {
      requirePresent(canonicalHash, "canonicalHash", outcome);
      requirePresent(score, "score", outcome);
      requirePresent(rdm, "rdm", outcome);
      requireAbsent(failure, "failure", outcome);
    } else {
      requirePresent(failure, "failure", outcome);
      requireAbsent(score, "score", outcome);
      requireAbsent(widthNormalisedScore, "widthNormalisedScore", outcome);
      requireAbsent(synapticOperations, "synapticOperations", outcome);
      requireAbsent(rdm, "rdm", outcome);
    }
  }

  /**
   * A successful result of the current schema version, without an estimate of synaptic operations
   * (see {@link #withSynapticOperations}).
   *
   * @param taskId the task answered
   * @param individualId the individual scored
   * @param canonicalHash the genome's content hash
   * @param score the fitness, finite
   * @param widthNormalisedScore the width-normalised score, or {@code null} when the fitness has
   *     none
   * @param spikeRates per-layer spike rates
   * @param parameterCount trainable parameters
   * @param timings where the time went
   * @param provenance where the result came from
   * @param rdm the dissimilarity matrix
   * @return the result
   */
  public static EvaluationResult succeeded(
      UUID taskId,
      UUID individualId,
      String canonicalHash,
      double score,
      Double widthNormalisedScore,
      List<LayerSpikeRate> spikeRates,
      long parameterCount,
      Timings timings,
      Provenance provenance,
      Rdm rdm) {
    return new EvaluationResult(
        SCHEMA_VERSION,
        taskId,
        individualId,
        EvaluationOutcome.SUCCEEDED,
        canonicalHash,
        score,
        widthNormalisedScore,
        spikeRates,
        parameterCount,
        null,
        timings,
        provenance,
        rdm,
        null);
  }

  /**
   * This result with an estimate of synaptic operations per sample.
   *
   * @param value SOPs per sample, finite and {@code >= 0}, or {@code null} for unknown
   * @return a copy; the same fields otherwise
   * @throws IllegalArgumentException if the value is negative or not finite, or this result FAILED
   */
  public EvaluationResult withSynapticOperations(Double value) {
    return new EvaluationResult(
        schemaVersion,
        taskId,
        individualId,
        outcome,
        canonicalHash,
        score,
        widthNormalisedScore,
        spikeRates,
        parameterCount,
        value,
        timings,
        provenance,
        rdm,
        failure);
  }

  /**
   * A failed result of the current schema version, with no spike rates and parameter count 0.
   *
   * @param taskId the task answered
   * @param individualId the individual that was to be scored
   * @param canonicalHash the genome's content hash, or {@code null} if it could not be computed
   * @param failure why it failed
   * @param timings what was spent before failing ({@link Timings#NONE} if nothing)
   * @param provenance where the result came from
   * @return the result
   */
  public static EvaluationResult failed(
      UUID taskId,
      UUID individualId,
      String canonicalHash,
      Failure failure,
      Timings timings,
      Provenance provenance) {
    return new EvaluationResult(
        SCHEMA_VERSION,
        taskId,
        individualId,
        EvaluationOutcome.FAILED,
        canonicalHash,
        null,
        null,
        List.of(),
        0,
        null,
        timings,
        provenance,
        null,
        failure);
  }

  private static void requireFiniteOrNull(Double value, String name) {
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, was " + value);
    }
  }

  private static void requirePresent(Object value, String name, EvaluationOutcome outcome) {
    if (value == null) {
      throw new IllegalArgumentException(
          name + " must be present when outcome is " + outcome + ", was null");
    }
  }

  private static void requireAbsent(Object value, String name, EvaluationOutcome outcome) {
    if (value != null) {
      throw new IllegalArgumentException(
          name + " must be absent when outcome is " + outcome + ", was " + value);
    }
  }
}

package io.msenas.api.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.msenas.model.message.EvaluationResult;
import java.util.Arrays;
import java.util.List;

/**
 * The second objective of a two-objective search, minimised: what an evaluated network costs. JSON
 * uses the lower-case {@link #id()}.
 */
public enum CostObjective {
  /**
   * Estimated synaptic operations per sample, from the spike rates the worker measured ({@link
   * EvaluationResult#synapticOperations()}; docs/engine.md).
   */
  SOPS("sops") {
    @Override
    public Double of(EvaluationResult result) {
      return result.synapticOperations();
    }
  },
  /** Trainable parameters of the network ({@link EvaluationResult#parameterCount()}). */
  PARAMETERS("parameters") {
    @Override
    public Double of(EvaluationResult result) {
      return (double) result.parameterCount();
    }
  };

  private final String id;

  CostObjective(String id) {
    this.id = id;
  }

  /** The name in requests and specs: {@code sops}, {@code parameters}. */
  @JsonValue
  public String id() {
    return id;
  }

  /** Every id, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(CostObjective::id).toList();
  }

  /**
   * The objective called {@code id} (exact, lower case).
   *
   * @throws IllegalArgumentException for any other text
   */
  @JsonCreator
  public static CostObjective fromId(String id) {
    for (CostObjective c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown cost objective '" + id + "'; known: " + ids());
  }

  /**
   * The cost of a successful result, or {@code null} when the result does not carry it (a worker
   * that does not measure synaptic operations).
   */
  public abstract Double of(EvaluationResult result);
}

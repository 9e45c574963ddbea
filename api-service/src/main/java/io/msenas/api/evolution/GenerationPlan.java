package io.msenas.api.evolution;

import java.util.List;
import java.util.Objects;

/**
 * What the engine returns for one generation: who survived it, and what to evaluate next.
 *
 * <p>From {@link EvolutionEngine#initialPopulation()}: {@code generation} 0, no survivors, the
 * generation-0 candidates to evaluate, {@link GenerationStatistics#undefined()}. From {@link
 * EvolutionEngine#advance}{@code (g, ...)}: {@code generation} g, the survivors of g (best first:
 * by Pareto rank, then crowding distance descending, then id), the candidates of generation g + 1
 * to evaluate (empty after the last generation, {@link EvolutionSettings#lastGeneration()};
 * possibly empty or short earlier, see {@link EvolutionEngine}), and the survivors' statistics.
 *
 * <p>Immutable and thread-safe.
 *
 * @param generation the generation the survivors and statistics belong to, {@code >= 0}
 * @param survivors the survivors, never {@code null}; copied
 * @param toEvaluate the candidates to evaluate next, never {@code null}; copied
 * @param statistics the survivors' statistics, never {@code null}
 */
public record GenerationPlan(
    int generation,
    List<EvaluatedCandidate> survivors,
    List<Candidate> toEvaluate,
    GenerationStatistics statistics) {

  /** Validates and copies. */
  public GenerationPlan {
    if (generation < 0) {
      throw new IllegalArgumentException("generation must be >= 0, was " + generation);
    }
    survivors = List.copyOf(Objects.requireNonNull(survivors, "survivors"));
    toEvaluate = List.copyOf(Objects.requireNonNull(toEvaluate, "toEvaluate"));
    Objects.requireNonNull(statistics, "statistics");
  }
}

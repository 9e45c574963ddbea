package io.msenas.api.evolution;

import io.msenas.model.genome.Genome;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A genome the engine wants evaluated, with its identity and lineage.
 *
 * <p>Ids made by the engine are {@code "g{generation}-{index}"} ({@code "g0-0"}, {@code "g3-17"}):
 * unique within one search, the same for the same seed. Prefix them with the job id to make them
 * unique across jobs. Wherever the engine orders candidates it uses {@link #ID_ORDER}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the id, never blank
 * @param generation the generation the candidate was born in, {@code >= 0}
 * @param genome the raw genome, never {@code null}
 * @param canonicalHash {@code SearchSpace.contentHash(genome)}, never blank
 * @param parents the lineage edges, empty for generation 0, never {@code null}; copied
 */
public record Candidate(
    String id, int generation, Genome genome, String canonicalHash, List<ParentLink> parents) {

  /**
   * Natural id order: by generation, then shorter id first, then lexicographic. For the engine's
   * ids that is {@code g1-2 < g1-10 < g2-0}; for any ids it is a total order, which is all
   * determinism needs.
   */
  static final Comparator<Candidate> ID_ORDER =
      Comparator.comparingInt(Candidate::generation)
          .thenComparingInt((Candidate c) -> c.id().length())
          .thenComparing(Candidate::id);

  /** Validates and copies. */
  public Candidate {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(
          "candidate id must not be blank, was " + (id == null ? "null" : "'" + id + "'"));
    }
    if (generation < 0) {
      throw new IllegalArgumentException(
          "candidate " + id + " generation must be >= 0, was " + generation);
    }
    Objects.requireNonNull(genome, "genome");
    if (canonicalHash == null || canonicalHash.isBlank()) {
      throw new IllegalArgumentException(
          "candidate "
              + id
              + " canonicalHash must not be blank, was "
              + (canonicalHash == null ? "null" : "'" + canonicalHash + "'"));
    }
    parents = List.copyOf(Objects.requireNonNull(parents, "parents"));
  }

  /**
   * How the candidate was born, summarised from its links.
   *
   * @return {@link Operator#INITIAL} without links, {@link Operator#CROSSOVER} with a crossover
   *     link, else {@link Operator#MUTATION} with a mutation link, else {@link Operator#COPY}
   */
  public Operator origin() {
    if (parents.isEmpty()) {
      return Operator.INITIAL;
    }
    if (parents.stream().anyMatch(p -> p.operator() == Operator.CROSSOVER)) {
      return Operator.CROSSOVER;
    }
    return parents.stream().anyMatch(p -> p.operator() == Operator.MUTATION)
        ? Operator.MUTATION
        : Operator.COPY;
  }

  /** The engine's id for the {@code index}-th candidate of {@code generation}. */
  static String idOf(int generation, int index) {
    return "g" + generation + "-" + index;
  }
}

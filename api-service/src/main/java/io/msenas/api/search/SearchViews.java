package io.msenas.api.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Transport records of the search endpoints; they match openapi.yaml's schemas field for field. */
public final class SearchViews {

  private SearchViews() {}

  /** A search job as clients see it. */
  public record SearchView(
      UUID id,
      SearchStatus status,
      SearchSpec spec,
      Progress progress,
      UUID winnerId,
      String error,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt) {}

  /**
   * How far a search is.
   *
   * @param etaSeconds estimated seconds to completion from the evaluation rate so far; null until
   *     something has been evaluated, or once finished
   */
  public record Progress(
      int generation,
      int generations,
      int evaluationsDone,
      int evaluationsTotal,
      int evaluationsFailed,
      Double bestFitness,
      UUID bestIndividualId,
      double elapsedSeconds,
      Double etaSeconds) {}

  /** One page of a listing. */
  public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {}

  /** Statistics of one completed generation (over its survivors). */
  public record GenerationView(
      int number,
      Double bestFitness,
      Double meanFitness,
      Double medianFitness,
      Double diversity,
      int survivors,
      int evaluated,
      int failed,
      Instant completedAt) {}

  /** An individual in a listing. */
  public record IndividualSummary(
      UUID id,
      String label,
      int generation,
      String status,
      Double fitness,
      Double widthNormalisedScore,
      Long parameterCount,
      String canonicalHash) {}

  /** A genome. */
  public record GenomeView(String searchSpaceVersion, int[] genes) {}

  /** One cell of a decoded architecture. */
  public record CellView(int index, String type, String motif, List<Integer> kernelSizes) {}

  /** A decoded architecture: macro k and the cells. */
  public record ArchitectureView(int macroK, List<CellView> cells) {}

  /** One parent of an individual. */
  public record ParentView(
      UUID parentId, String parentLabel, String operator, Map<String, Object> details) {}

  /** Everything about one individual. */
  public record IndividualDetail(
      UUID id,
      String label,
      int generation,
      String status,
      String canonicalHash,
      GenomeView genome,
      ArchitectureView architecture,
      Map<String, Object> objectives,
      Long parameterCount,
      Object evaluation,
      String error,
      List<ParentView> parents,
      Instant createdAt,
      Instant evaluatedAt) {}

  /** A node of the lineage graph. */
  public record LineageNode(UUID id, String label, int generation, String status, Double fitness) {}

  /** A child -> parent edge of the lineage graph. */
  public record LineageEdge(
      UUID child, UUID parent, String operator, Map<String, Object> details) {}

  /** The lineage DAG of a search. */
  public record LineageView(List<LineageNode> nodes, List<LineageEdge> edges) {}

  /**
   * The Pareto front of a search: the non-dominated survivors of its last completed generation.
   *
   * @param generation that generation's number; null before any completed
   * @param objectives 1 (fitness) or 2 (fitness and cost)
   * @param members the front, best fitness first
   */
  public record ParetoFrontView(Integer generation, int objectives, List<FrontMember> members) {}

  /** One member of a Pareto front, with its objective values. */
  public record FrontMember(
      UUID id,
      String label,
      int generation,
      double fitness,
      Double cost,
      Long parameterCount,
      String canonicalHash) {}
}

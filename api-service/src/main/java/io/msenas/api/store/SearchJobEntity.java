package io.msenas.api.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * Row of {@code search_job}. Mutable JPA state: never serialised, never leaves the service layer.
 */
@Entity
@Table(name = "search_job")
public class SearchJobEntity extends AssignedIdEntity<UUID> {

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "request_hash", nullable = false)
  private String requestHash;

  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String spec;

  @Column(nullable = false)
  private String status;

  @Column(nullable = false)
  private long seed;

  @Column(nullable = false)
  private int generation;

  @Column(nullable = false)
  private int generations;

  @Column(name = "evaluations_done", nullable = false)
  private int evaluationsDone;

  @Column(name = "evaluations_total", nullable = false)
  private int evaluationsTotal;

  @Column(name = "evaluations_failed", nullable = false)
  private int evaluationsFailed;

  @Column(name = "best_individual_id")
  private UUID bestIndividualId;

  @Column(name = "best_fitness")
  private Double bestFitness;

  @Column(name = "winner_individual_id")
  private UUID winnerIndividualId;

  private String error;

  /** Steady-state evolution: the current population; null for a generational search. */
  @Column(name = "population_ids")
  private UUID[] populationIds;

  /** Steady-state evolution: children bred after generation 0 so far. */
  @Column(nullable = false)
  private int births;

  @Version private long version;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected SearchJobEntity() {}

  public SearchJobEntity(
      UUID id,
      String tenantId,
      String idempotencyKey,
      String requestHash,
      String spec,
      String status,
      long seed,
      int generations,
      int evaluationsTotal,
      Instant now) {
    this.id = id;
    this.tenantId = tenantId;
    this.idempotencyKey = idempotencyKey;
    this.requestHash = requestHash;
    this.spec = spec;
    this.status = status;
    this.seed = seed;
    this.generations = generations;
    this.evaluationsTotal = evaluationsTotal;
    this.createdAt = now;
    this.updatedAt = now;
  }

  @Override
  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public String getRequestHash() {
    return requestHash;
  }

  public String getSpec() {
    return spec;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public long getSeed() {
    return seed;
  }

  public int getGeneration() {
    return generation;
  }

  public void setGeneration(int generation) {
    this.generation = generation;
  }

  public int getGenerations() {
    return generations;
  }

  public int getEvaluationsDone() {
    return evaluationsDone;
  }

  public void setEvaluationsDone(int evaluationsDone) {
    this.evaluationsDone = evaluationsDone;
  }

  public int getEvaluationsTotal() {
    return evaluationsTotal;
  }

  public void setEvaluationsTotal(int evaluationsTotal) {
    this.evaluationsTotal = evaluationsTotal;
  }

  public int getEvaluationsFailed() {
    return evaluationsFailed;
  }

  public void setEvaluationsFailed(int evaluationsFailed) {
    this.evaluationsFailed = evaluationsFailed;
  }

  public UUID getBestIndividualId() {
    return bestIndividualId;
  }

  public Double getBestFitness() {
    return bestFitness;
  }

  public void setBest(UUID individualId, Double fitness) {
    this.bestIndividualId = individualId;
    this.bestFitness = fitness;
  }

  public UUID getWinnerIndividualId() {
    return winnerIndividualId;
  }

  public void setWinnerIndividualId(UUID winnerIndividualId) {
    this.winnerIndividualId = winnerIndividualId;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  public long getVersion() {
    return version;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(Instant finishedAt) {
    this.finishedAt = finishedAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }

  public UUID[] getPopulationIds() {
    return populationIds;
  }

  public void setPopulationIds(UUID[] populationIds) {
    this.populationIds = populationIds;
  }

  public int getBirths() {
    return births;
  }

  public void setBirths(int births) {
    this.births = births;
  }
}

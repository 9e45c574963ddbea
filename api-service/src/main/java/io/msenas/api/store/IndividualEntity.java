package io.msenas.api.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Row of {@code individual}: one genome of one search, its status and the figures of its
 * evaluation. The stored evaluation itself (column {@code result}: the worker's whole result, with
 * its B x B RDM) is not mapped: every query of individuals would read it, hundreds of kilobytes per
 * row at the paper preset, where only one individual's detail shows it. {@link IndividualResults}
 * writes and reads it.
 */
@Entity
@Table(name = "individual")
public class IndividualEntity extends AssignedIdEntity<UUID> {

  @Id private UUID id;

  @Column(name = "job_id", nullable = false)
  private UUID jobId;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  @Column(nullable = false)
  private String label;

  @Column(nullable = false)
  private int generation;

  @Column(name = "search_space_version", nullable = false)
  private String searchSpaceVersion;

  @Column(nullable = false)
  private int[] genes;

  @Column(name = "canonical_hash", nullable = false)
  private String canonicalHash;

  @Column(nullable = false)
  private String status;

  private Double fitness;

  @Column(name = "width_normalised")
  private Double widthNormalised;

  private Double cost;

  @Column(name = "parameter_count")
  private Long parameterCount;

  private String error;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "evaluated_at")
  private Instant evaluatedAt;

  protected IndividualEntity() {}

  public IndividualEntity(
      UUID id,
      UUID jobId,
      String tenantId,
      String label,
      int generation,
      String searchSpaceVersion,
      int[] genes,
      String canonicalHash,
      String status,
      Instant now) {
    this.id = id;
    this.jobId = jobId;
    this.tenantId = tenantId;
    this.label = label;
    this.generation = generation;
    this.searchSpaceVersion = searchSpaceVersion;
    this.genes = genes.clone();
    this.canonicalHash = canonicalHash;
    this.status = status;
    this.createdAt = now;
  }

  @Override
  public UUID getId() {
    return id;
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getLabel() {
    return label;
  }

  public int getGeneration() {
    return generation;
  }

  public String getSearchSpaceVersion() {
    return searchSpaceVersion;
  }

  public int[] getGenes() {
    return genes.clone();
  }

  public String getCanonicalHash() {
    return canonicalHash;
  }

  public String getStatus() {
    return status;
  }

  public Double getFitness() {
    return fitness;
  }

  public Double getWidthNormalised() {
    return widthNormalised;
  }

  public Double getCost() {
    return cost;
  }

  public Long getParameterCount() {
    return parameterCount;
  }

  public String getError() {
    return error;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getEvaluatedAt() {
    return evaluatedAt;
  }

  /** Records a successful evaluation. */
  public void evaluated(
      double fitness, Double widthNormalised, Double cost, long parameterCount, Instant at) {
    this.status = "EVALUATED";
    this.fitness = fitness;
    this.widthNormalised = widthNormalised;
    this.cost = cost;
    this.parameterCount = parameterCount;
    this.error = null;
    this.evaluatedAt = at;
  }

  /** Records a final failure: the individual takes no further part in the search. */
  public void failed(String error, Instant at) {
    this.status = "FAILED";
    this.error = error;
    this.evaluatedAt = at;
  }
}

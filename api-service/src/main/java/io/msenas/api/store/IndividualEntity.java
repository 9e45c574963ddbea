package io.msenas.api.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** Row of {@code individual}: one genome of one search, its status and its evaluation. */
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

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String result;

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

  public String getResult() {
    return result;
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
      double fitness,
      Double widthNormalised,
      Double cost,
      long parameterCount,
      String resultJson,
      Instant at) {
    this.status = "EVALUATED";
    this.fitness = fitness;
    this.widthNormalised = widthNormalised;
    this.cost = cost;
    this.parameterCount = parameterCount;
    this.result = resultJson;
    this.error = null;
    this.evaluatedAt = at;
  }

  /** Records a final failure: the individual takes no further part in the search. */
  public void failed(String error, String resultJson, Instant at) {
    this.status = "FAILED";
    this.error = error;
    this.result = resultJson;
    this.evaluatedAt = at;
  }
}

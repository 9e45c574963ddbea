package io.msenas.api.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Row of {@code generation}: the survivors of one completed generation and their statistics. */
@Entity
@Table(name = "generation")
public class GenerationEntity extends AssignedIdEntity<GenerationEntity.Key> {

  @Override
  public GenerationEntity.Key getId() {
    return key;
  }

  /** Primary key: job and generation number. */
  @Embeddable
  public record Key(@Column(name = "job_id") UUID jobId, @Column(name = "number") int number)
      implements Serializable {}

  @EmbeddedId private Key key;

  @Column(name = "survivor_ids", nullable = false)
  private UUID[] survivorIds;

  private Double best;
  private Double mean;
  private Double median;
  private Double diversity;

  @Column(nullable = false)
  private int evaluated;

  @Column(nullable = false)
  private int failed;

  @Column(name = "completed_at", nullable = false)
  private Instant completedAt;

  protected GenerationEntity() {}

  public GenerationEntity(
      UUID jobId,
      int number,
      UUID[] survivorIds,
      Double best,
      Double mean,
      Double median,
      Double diversity,
      int evaluated,
      int failed,
      Instant completedAt) {
    this.key = new Key(jobId, number);
    this.survivorIds = survivorIds.clone();
    this.best = best;
    this.mean = mean;
    this.median = median;
    this.diversity = diversity;
    this.evaluated = evaluated;
    this.failed = failed;
    this.completedAt = completedAt;
  }

  public UUID getJobId() {
    return key.jobId();
  }

  public int getNumber() {
    return key.number();
  }

  public UUID[] getSurvivorIds() {
    return survivorIds.clone();
  }

  public Double getBest() {
    return best;
  }

  public Double getMean() {
    return mean;
  }

  public Double getMedian() {
    return median;
  }

  public Double getDiversity() {
    return diversity;
  }

  public int getEvaluated() {
    return evaluated;
  }

  public int getFailed() {
    return failed;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }
}

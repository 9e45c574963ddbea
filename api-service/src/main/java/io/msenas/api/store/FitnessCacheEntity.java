package io.msenas.api.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * Row of {@code fitness_cache}: a score shared by every job with the same genome and fitness
 * configuration.
 */
@Entity
@Table(name = "fitness_cache")
public class FitnessCacheEntity extends AssignedIdEntity<FitnessCacheEntity.Key> {

  @Override
  public FitnessCacheEntity.Key getId() {
    return key;
  }

  /** Primary key: canonical genome hash and fitness configuration hash. */
  @Embeddable
  public record Key(
      @Column(name = "canonical_hash") String canonicalHash,
      @Column(name = "config_hash") String configHash)
      implements Serializable {}

  @EmbeddedId private Key key;

  @Column(nullable = false)
  private double fitness;

  @Column(name = "width_normalised")
  private Double widthNormalised;

  @Column(name = "parameter_count", nullable = false)
  private long parameterCount;

  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String result;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected FitnessCacheEntity() {}

  public FitnessCacheEntity(
      String canonicalHash,
      String configHash,
      double fitness,
      Double widthNormalised,
      long parameterCount,
      String result,
      Instant createdAt) {
    this.key = new Key(canonicalHash, configHash);
    this.fitness = fitness;
    this.widthNormalised = widthNormalised;
    this.parameterCount = parameterCount;
    this.result = result;
    this.createdAt = createdAt;
  }

  public String getCanonicalHash() {
    return key.canonicalHash();
  }

  public String getConfigHash() {
    return key.configHash();
  }

  public double getFitness() {
    return fitness;
  }

  public Double getWidthNormalised() {
    return widthNormalised;
  }

  public long getParameterCount() {
    return parameterCount;
  }

  public String getResult() {
    return result;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}

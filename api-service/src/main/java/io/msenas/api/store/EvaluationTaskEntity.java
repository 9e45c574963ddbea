package io.msenas.api.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * Row of {@code evaluation_task}: the transactional outbox entry of one evaluation attempt, and its
 * lease once sent. States: PENDING (written with the individual, not yet published), SENT
 * (published and confirmed by the broker, leased until {@code leaseDeadline}), DONE (a result was
 * taken in), EXPIRED (the lease ran out; a new attempt replaced it), FAILED (the attempt's result
 * was a failure), CANCELLED (its search was cancelled before it ran).
 */
@Entity
@Table(name = "evaluation_task")
public class EvaluationTaskEntity extends AssignedIdEntity<UUID> {

  @Id private UUID id;

  @Column(name = "job_id", nullable = false)
  private UUID jobId;

  @Column(name = "individual_id", nullable = false)
  private UUID individualId;

  @Column(nullable = false)
  private int attempt;

  @Column(nullable = false)
  private String state;

  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String payload;

  @Column(name = "lease_deadline")
  private Instant leaseDeadline;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  private String error;

  protected EvaluationTaskEntity() {}

  public EvaluationTaskEntity(
      UUID id, UUID jobId, UUID individualId, int attempt, String payload, Instant now) {
    this.id = id;
    this.jobId = jobId;
    this.individualId = individualId;
    this.attempt = attempt;
    this.state = "PENDING";
    this.payload = payload;
    this.createdAt = now;
  }

  @Override
  public UUID getId() {
    return id;
  }

  public UUID getJobId() {
    return jobId;
  }

  public UUID getIndividualId() {
    return individualId;
  }

  public int getAttempt() {
    return attempt;
  }

  public String getState() {
    return state;
  }

  public String getPayload() {
    return payload;
  }

  public Instant getLeaseDeadline() {
    return leaseDeadline;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public String getError() {
    return error;
  }

  /** Closes this attempt. */
  public void finish(String state, String error, Instant at) {
    this.state = state;
    this.error = error;
    this.completedAt = at;
  }
}

package io.msenas.api.store;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Evaluation attempts (outbox and leases). */
public interface EvaluationTaskRepository extends JpaRepository<EvaluationTaskEntity, UUID> {

  List<EvaluationTaskEntity> findByIndividualIdOrderByAttemptDesc(UUID individualId);

  /**
   * The job of a task, read without loading the entity (so that it is first loaded after the job
   * lock).
   */
  @Query("select t.jobId from EvaluationTaskEntity t where t.id = :id")
  java.util.Optional<UUID> findJobIdById(@Param("id") UUID taskId);

  @Query("select count(t) from EvaluationTaskEntity t where t.state = 'PENDING'")
  long countPending();

  @Modifying
  @Query(
      "update EvaluationTaskEntity t set t.state = 'CANCELLED' where t.jobId = :job"
          + " and t.state in ('PENDING', 'SENT')")
  int cancelOpen(@Param("job") UUID jobId);
}

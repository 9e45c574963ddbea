package io.msenas.api.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Individuals of searches. */
public interface IndividualRepository extends JpaRepository<IndividualEntity, UUID> {

  List<IndividualEntity> findByJobIdAndGeneration(UUID jobId, int generation);

  List<IndividualEntity> findByIdIn(Collection<UUID> ids);

  List<IndividualEntity> findByJobId(UUID jobId);

  Page<IndividualEntity> findByJobId(UUID jobId, Pageable pageable);

  Optional<IndividualEntity> findByIdAndJobId(UUID id, UUID jobId);

  @Query(
      "select count(i) from IndividualEntity i where i.jobId = :job and i.generation = :generation"
          + " and i.status = 'PENDING'")
  long countPending(@Param("job") UUID jobId, @Param("generation") int generation);

  @Query("select count(i) from IndividualEntity i where i.jobId = :job and i.status = 'PENDING'")
  long countPendingAll(@Param("job") UUID jobId);

  @Query("select i.canonicalHash from IndividualEntity i where i.jobId = :job")
  List<String> findCanonicalHashes(@Param("job") UUID jobId);
}

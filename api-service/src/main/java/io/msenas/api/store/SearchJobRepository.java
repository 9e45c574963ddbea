package io.msenas.api.store;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Search jobs; every read is scoped to a tenant except the internal lock. */
public interface SearchJobRepository extends JpaRepository<SearchJobEntity, UUID> {

  Optional<SearchJobEntity> findByIdAndTenantId(UUID id, String tenantId);

  Optional<SearchJobEntity> findByTenantIdAndIdempotencyKey(String tenantId, String idempotencyKey);

  Page<SearchJobEntity> findByTenantId(String tenantId, Pageable pageable);

  Page<SearchJobEntity> findByTenantIdAndStatusIn(
      String tenantId, Collection<String> statuses, Pageable pageable);

  List<SearchJobEntity> findByStatus(String status);

  /**
   * The job row, locked until the transaction ends: serialises result intake and generation
   * advances per job.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select j from SearchJobEntity j where j.id = :id")
  Optional<SearchJobEntity> lockById(@Param("id") UUID id);

  @Query("select j.status, count(j) from SearchJobEntity j group by j.status")
  List<Object[]> countByStatus();
}

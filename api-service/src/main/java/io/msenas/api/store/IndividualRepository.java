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

  /** The columns of {@link IndividualRow}, named as its getters. */
  String ROW_COLUMNS =
      "select i.id as id, i.label as label, i.generation as generation, i.status as status,"
          + " i.fitness as fitness, i.widthNormalised as widthNormalised,"
          + " i.parameterCount as parameterCount, i.canonicalHash as canonicalHash"
          + " from IndividualEntity i";

  /** The individuals of a job without their genomes and results ({@link IndividualRow}). */
  @Query(ROW_COLUMNS + " where i.jobId = :job")
  List<IndividualRow> findRowsByJobId(@Param("job") UUID jobId);

  /** {@link #findRowsByJobId(UUID)}, one page. */
  @Query(
      value = ROW_COLUMNS + " where i.jobId = :job",
      countQuery = "select count(i) from IndividualEntity i where i.jobId = :job")
  Page<IndividualRow> findRowsByJobId(@Param("job") UUID jobId, Pageable pageable);

  @Query(ROW_COLUMNS + " where i.id in :ids")
  List<IndividualRow> findRowsByIdIn(@Param("ids") Collection<UUID> ids);

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

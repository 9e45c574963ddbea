package io.msenas.api.store;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Lineage edges. */
public interface LineageRepository extends JpaRepository<LineageEntity, LineageEntity.Key> {

  @Query("select l from LineageEntity l where l.key.childId in :children")
  List<LineageEntity> findByChildIds(@Param("children") Collection<UUID> childIds);

  @Query(
      "select l from LineageEntity l, IndividualEntity i where i.id = l.key.childId and i.jobId = :job")
  List<LineageEntity> findByJobId(@Param("job") UUID jobId);
}

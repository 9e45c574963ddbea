package io.msenas.api.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Completed generations. */
public interface GenerationRepository
    extends JpaRepository<GenerationEntity, GenerationEntity.Key> {

  List<GenerationEntity> findByKeyJobIdOrderByKeyNumber(UUID jobId);

  Optional<GenerationEntity> findByKeyJobIdAndKeyNumber(UUID jobId, int number);
}

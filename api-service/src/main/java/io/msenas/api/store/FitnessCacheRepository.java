package io.msenas.api.store;

import org.springframework.data.jpa.repository.JpaRepository;

/** The cross-job fitness cache. */
public interface FitnessCacheRepository
    extends JpaRepository<FitnessCacheEntity, FitnessCacheEntity.Key> {}

package io.msenas.api.store;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The cross-job fitness cache. */
public interface FitnessCacheRepository
    extends JpaRepository<FitnessCacheEntity, FitnessCacheEntity.Key> {

  /** The cached scores of these genomes under one fitness configuration. */
  @Query(
      "select c from FitnessCacheEntity c where c.key.configHash = :config"
          + " and c.key.canonicalHash in :hashes")
  java.util.List<FitnessCacheEntity> findByConfigAndHashes(
      @Param("config") String configHash, @Param("hashes") java.util.Collection<String> hashes);

  /** Stores a score unless one is there already (two jobs may finish the same genome at once). */
  @Modifying
  @Query(
      value =
          "insert into fitness_cache (canonical_hash, config_hash, fitness, width_normalised,"
              + " parameter_count, result, created_at) values (:hash, :config, :fitness, :normalised,"
              + " :parameters, cast(:result as jsonb), :at) on conflict do nothing",
      nativeQuery = true)
  int insertIfAbsent(
      @Param("hash") String canonicalHash,
      @Param("config") String configHash,
      @Param("fitness") double fitness,
      @Param("normalised") Double widthNormalised,
      @Param("parameters") long parameterCount,
      @Param("result") String result,
      @Param("at") Instant at);
}

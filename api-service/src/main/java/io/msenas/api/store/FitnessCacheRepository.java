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

  /** A cached result's synaptic operations per sample, where it records them. */
  interface CachedSynapticOperations {
    String getCanonicalHash();

    double getSynapticOperations();
  }

  /**
   * The synaptic operations recorded in the cached results of these genomes under one fitness
   * configuration; results that do not record them (cached before workers measured them) are left
   * out.
   */
  @Query(
      value =
          "select canonical_hash as canonicalHash, cast(result ->> 'synapticOperations' as double"
              + " precision) as synapticOperations from fitness_cache where config_hash = :config"
              + " and canonical_hash in (:hashes) and result ->> 'synapticOperations' is not null",
      nativeQuery = true)
  java.util.List<CachedSynapticOperations> findSynapticOperations(
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

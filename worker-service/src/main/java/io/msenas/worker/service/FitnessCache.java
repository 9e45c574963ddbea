package io.msenas.worker.service;

import io.msenas.model.message.EvaluationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * This worker's memory of successful evaluations, least recently used evicted first: the same
 * canonical genome hash under the same {@link io.msenas.model.message.FitnessConfig#configHash()}
 * scores the same, so a hit answers without simulating. Only SUCCEEDED results are kept, so a
 * failure is never replayed. The shared, persistent cache is the API service's; this one saves the
 * repeats that reach one worker (redeliveries after an unconfirmed publish, duplicate genomes).
 *
 * <p>Thread-safe (one lock; a lookup is far cheaper than an evaluation).
 */
final class FitnessCache {

  /** What a score depends on: the network and how it is scored. */
  record Key(String canonicalHash, String configHash) {
    Key {
      Objects.requireNonNull(canonicalHash, "canonicalHash");
      Objects.requireNonNull(configHash, "configHash");
    }
  }

  private final int capacity;
  private final Map<Key, EvaluationResult> entries;

  /**
   * A cache of at most {@code capacity} results; 0 keeps nothing.
   *
   * @throws IllegalArgumentException if {@code capacity < 0}
   */
  FitnessCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("cache capacity must be >= 0, was " + capacity);
    }
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, EvaluationResult> eldest) {
            return size() > FitnessCache.this.capacity;
          }
        };
  }

  /** The cached result for {@code key}, which becomes the most recently used. */
  synchronized Optional<EvaluationResult> get(Key key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * Remembers a result; FAILED results are ignored.
   *
   * @throws IllegalArgumentException if a SUCCEEDED result's hash is not the key's
   */
  synchronized void put(Key key, EvaluationResult result) {
    if (capacity == 0 || !result.outcome().isSuccessful()) {
      return;
    }
    if (!key.canonicalHash().equals(result.canonicalHash())) {
      throw new IllegalArgumentException(
          "result hash "
              + result.canonicalHash()
              + " does not match cache key hash "
              + key.canonicalHash());
    }
    entries.put(key, result);
  }

  synchronized int size() {
    return entries.size();
  }
}

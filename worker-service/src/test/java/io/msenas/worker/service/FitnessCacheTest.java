package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.Failure;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.Rdm;
import io.msenas.model.message.Timings;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FitnessCacheTest {

  private static final String CONFIG = "c".repeat(64);
  private static final Provenance PROVENANCE = new Provenance("test", 1, "cpu", null, null, "host");

  @Test
  void aStoredResultIsFoundUnderItsKey() {
    FitnessCache cache = new FitnessCache(4);
    EvaluationResult result = succeeded(hash(1), 3.5);

    cache.put(key(1), result);

    assertThat(cache.get(key(1))).contains(result);
    assertThat(cache.get(new FitnessCache.Key(hash(1), "d".repeat(64)))).isEmpty();
    assertThat(cache.get(key(2))).isEmpty();
  }

  @Test
  void evictsTheLeastRecentlyUsedEntryBeyondItsCapacity() {
    FitnessCache cache = new FitnessCache(2);
    cache.put(key(1), succeeded(hash(1), 1));
    cache.put(key(2), succeeded(hash(2), 2));
    cache.get(key(1)); // 2 is now the least recently used

    cache.put(key(3), succeeded(hash(3), 3));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(key(1))).isPresent();
    assertThat(cache.get(key(2))).isEmpty();
    assertThat(cache.get(key(3))).isPresent();
  }

  @Test
  void failuresAreNeverCached() {
    FitnessCache cache = new FitnessCache(4);
    EvaluationResult failed =
        EvaluationResult.failed(
            UUID.randomUUID(),
            UUID.randomUUID(),
            hash(1),
            new Failure("OutOfMemoryError", "off-heap", true),
            Timings.NONE,
            PROVENANCE);

    cache.put(key(1), failed);

    assertThat(cache.get(key(1))).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void capacityZeroKeepsNothing() {
    FitnessCache cache = new FitnessCache(0);

    cache.put(key(1), succeeded(hash(1), 1));

    assertThat(cache.get(key(1))).isEmpty();
  }

  @Test
  void rejectsANegativeCapacityAndAResultUnderAnotherHash() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FitnessCache(-1))
        .withMessageContaining("-1");
    FitnessCache cache = new FitnessCache(4);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cache.put(key(1), succeeded(hash(2), 1)))
        .withMessageContaining(hash(2));
  }

  private static FitnessCache.Key key(int n) {
    return new FitnessCache.Key(hash(n), CONFIG);
  }

  private static String hash(int n) {
    return String.format("%064x", n);
  }

  private static EvaluationResult succeeded(String hash, double score) {
    return EvaluationResult.succeeded(
        UUID.randomUUID(),
        UUID.randomUUID(),
        hash,
        score,
        null,
        List.of(),
        0,
        Timings.NONE,
        PROVENANCE,
        new Rdm(1, List.of(0.0)));
  }
}

package io.msenas.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded in-memory caches of values that can always be derived again. */
public final class RecentlyUsed {

  private RecentlyUsed() {}

  /**
   * A thread-safe map that keeps at most {@code capacity} entries, dropping the least recently read
   * or written one first.
   */
  public static <K, V> Map<K, V> map(int capacity) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        });
  }
}

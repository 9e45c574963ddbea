package io.msenas.api.evolution;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One lineage edge: a child was made from {@code parentId} by {@code operator}.
 *
 * <p>Details by operator (values are immutable lists of {@link Integer}, ready for JSON):
 *
 * <ul>
 *   <li>{@link Operator#CROSSOVER}: {@code {"points": [i, j]}}, the child took the other parent's
 *       genes at positions {@code [i, j)} (0-based, {@code 1 <= i < j <= n - 1});
 *   <li>{@link Operator#MUTATION}: {@code {"loci": [...], "from": [...], "to": [...]}}, the genes
 *       whose value changed, ascending, with their value before (after crossover) and after;
 *   <li>{@link Operator#COPY}: empty.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param parentId the parent's {@link Candidate#id()}, never blank
 * @param operator the operator, never {@code null} nor {@link Operator#INITIAL}
 * @param details the operator's details, never {@code null}, no {@code null} key or value; copied
 *     into an unmodifiable map sorted by key, so that it serialises the same way in every JVM
 *     ({@code Map.of} iterates in a per-JVM random order)
 */
public record ParentLink(String parentId, Operator operator, Map<String, Object> details) {

  /** Validates and copies. */
  public ParentLink {
    if (parentId == null || parentId.isBlank()) {
      throw new IllegalArgumentException(
          "parentId must not be blank, was " + (parentId == null ? "null" : "'" + parentId + "'"));
    }
    Objects.requireNonNull(operator, "operator");
    if (operator == Operator.INITIAL) {
      throw new IllegalArgumentException(
          "operator must not be INITIAL (a generation-0 candidate has no parent links), was INITIAL");
    }
    Objects.requireNonNull(details, "details");
    if (details.values().stream()
        .anyMatch(Objects::isNull)) { // containsValue(null) throws on Map.of
      throw new IllegalArgumentException("details must not hold null values, was " + details);
    }
    details = Collections.unmodifiableMap(new TreeMap<>(details));
  }
}

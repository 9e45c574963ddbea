package io.msenas.api.evolution;

/**
 * How a candidate came to be, as recorded on its lineage.
 *
 * <p>{@link #INITIAL} is never the operator of a {@link ParentLink}: a generation-0 candidate has
 * no parent links, and {@link Candidate#origin()} reports it as {@code INITIAL}.
 */
public enum Operator {
  /** Drawn uniformly at random for generation 0; no parents. */
  INITIAL,
  /** Two-point crossover; the child links to both parents, details {@code {"points": [i, j]}}. */
  CROSSOVER,
  /**
   * Polynomial mutation of the child's genes after crossover or copy; the link points at the parent
   * the child started from, details {@code {"loci": [...], "from": [...], "to": [...]}}.
   */
  MUTATION,
  /** No crossover took place: the child started as a copy of this parent (empty details). */
  COPY
}

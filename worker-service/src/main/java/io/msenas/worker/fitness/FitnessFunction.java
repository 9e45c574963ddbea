package io.msenas.worker.fitness;

/**
 * A training-free (or, later, training-based) score of an architecture, selected per search by name
 * and version (docs/algorithm.md section 5.6; definitions in docs/engine.md). The name and version
 * travel in every task ({@code FitnessConfig.fitness}, {@code fitnessVersion}) and key the fitness
 * cache: change a function's output only with a new version.
 *
 * <p>Functions that score the spikes of the random-weight network are {@link SpikeFitness}
 * instances with a per-batch {@link BatchScorer}. A function that works otherwise ({@code
 * trained-accuracy}: train for a few epochs, measure on the validation split) implements this
 * interface directly, takes what it needs beyond the batches from {@link FitnessInput}, and is
 * added to {@link FitnessRegistry#standard()}.
 *
 * <p>Implementations are immutable and thread-safe; one evaluation runs on the calling thread
 * (using every core inside).
 */
public interface FitnessFunction {

  /** The name a search selects it by, e.g. {@code rdm-hamming}. */
  String name();

  /** The version of its definition, {@code >= 1}. */
  int version();

  /**
   * Scores one network.
   *
   * @throws io.msenas.worker.evaluation.InvalidTaskException if the task's settings do not suit
   *     this function (checked before simulating anything); other exceptions are the engine's
   */
  FitnessScore evaluate(FitnessInput input);
}

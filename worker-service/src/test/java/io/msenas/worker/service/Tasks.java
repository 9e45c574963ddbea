package io.msenas.worker.service;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import io.msenas.worker.runtime.NativeVariant;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.SplittableRandom;
import java.util.UUID;

/** Seeded evaluation tasks on the smoke preset, for the tests. */
final class Tasks {

  static final SearchSpace SPACE = SearchSpace.of(4, InputKind.STATIC_IMAGE);

  /** What a test pretends to run on; building it loads no ND4J. */
  static final Nd4jRuntime.Info RUNTIME =
      new Nd4jRuntime.Info("CpuBackend", NativeVariant.ONEDNN, "OpenBLAS", "Haswell", 2, "test");

  private Tasks() {}

  /**
   * A valid task: the first random genome from {@code genomeSeed} that a search would send (one
   * that can classify), fitness seed {@code fitnessSeed}.
   */
  static EvaluationTask smoke(long genomeSeed, long fitnessSeed) {
    Genome genome = SPACE.randomGenomeThatCanClassify(new SplittableRandom(genomeSeed));
    return task(genome, FitnessConfig.defaults(Preset.SMOKE, "mnist", fitnessSeed));
  }

  static EvaluationTask task(Genome genome, FitnessConfig fitness) {
    return EvaluationTask.of(
        UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, SPACE, genome, fitness);
  }

  /** The same task under new task and individual ids. */
  static EvaluationTask again(EvaluationTask task) {
    return EvaluationTask.of(
        UUID.randomUUID(),
        task.jobId(),
        UUID.randomUUID(),
        task.attempt(),
        task.searchSpace(),
        task.genome(),
        task.fitness());
  }

  /** The task with gene {@code index} set to {@code value}, which may be out of its bounds. */
  static EvaluationTask withGene(EvaluationTask task, int index, int value) {
    int[] genes = task.genome().genes();
    genes[index] = value;
    return task(new Genome(task.genome().searchSpaceVersion(), genes), task.fitness());
  }
}

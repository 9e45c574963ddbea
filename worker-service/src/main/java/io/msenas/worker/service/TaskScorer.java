package io.msenas.worker.service;

import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;

/**
 * Scores one task: the engine's {@link io.msenas.worker.evaluation.Evaluator} in {@link
 * FitnessMode#RDM}, {@link NoopScorer} in {@link FitnessMode#NOOP}. Answers bad tasks with a FAILED
 * result rather than throwing; the result carries the task's {@code taskId} and {@code
 * individualId}.
 */
@FunctionalInterface
interface TaskScorer {

  EvaluationResult score(EvaluationTask task);
}

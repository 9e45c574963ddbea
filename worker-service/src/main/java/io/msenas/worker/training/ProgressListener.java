package io.msenas.worker.training;

/** Receives each epoch's progress, on the training thread, as soon as the epoch ends. */
@FunctionalInterface
public interface ProgressListener {

  /** Ignores progress. */
  ProgressListener NONE = progress -> {};

  void onEpoch(EpochProgress progress);
}

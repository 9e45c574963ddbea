package io.msenas.worker.training;

/**
 * The training loss became NaN or infinite. Not retryable with the same options and seed: the run
 * is deterministic and would diverge again.
 */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int batch;

  /**
   * @param epoch 1-based epoch
   * @param batch 1-based step within the epoch
   * @param loss the loss value
   */
  public TrainingDivergedException(int epoch, int batch, double loss) {
    super(
        "training diverged: loss was "
            + loss
            + " in epoch "
            + epoch
            + ", batch "
            + batch
            + " (lower the learning rate, or check the input data for NaN or infinite values)");
    this.epoch = epoch;
    this.batch = batch;
  }

  /** 1-based epoch in which the loss was not finite. */
  public int epoch() {
    return epoch;
  }

  /** 1-based step of that epoch. */
  public int batch() {
    return batch;
  }
}

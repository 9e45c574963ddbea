package io.msenas.worker.training;

/**
 * Linear warm-up, then cosine decay: the learning rate as a function of training progress in
 * (fractional) epochs, evaluated at every step.
 *
 * <pre>
 *   progress p in [0, epochs); w = warm-up epochs
 *   p &lt; w:  floor + (peak - floor) * p / w
 *   p &gt;= w: floor + (peak - floor) * (1 + cos(pi * (p - w) / (epochs - w))) / 2
 * </pre>
 *
 * So the rate starts at the floor, reaches the peak at the end of the warm-up and returns to the
 * floor at the end of the run. Immutable.
 *
 * @param peak the rate at the end of the warm-up
 * @param floor the rate at the start and at the end
 * @param warmupEpochs warm-up length in epochs, in [0, epochs)
 * @param epochs the run's length
 */
public record LearningRateSchedule(double peak, double floor, double warmupEpochs, int epochs) {

  public LearningRateSchedule {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (warmupEpochs < 0 || warmupEpochs >= epochs) {
      throw new IllegalArgumentException(
          "warmupEpochs must be in [0, " + epochs + "), was " + warmupEpochs);
    }
  }

  /** The schedule of a run with these options. */
  public static LearningRateSchedule of(TrainingOptions options) {
    return new LearningRateSchedule(
        options.peakLearningRate(),
        options.minLearningRate(),
        options.effectiveWarmupEpochs(),
        options.epochs());
  }

  /**
   * The rate at {@code progress} epochs into the run (epoch e, step i of n: e + i / n).
   *
   * @throws IllegalArgumentException if progress is outside [0, epochs]
   */
  public double at(double progress) {
    if (!(progress >= 0 && progress <= epochs)) {
      throw new IllegalArgumentException(
          "progress must be in [0, " + epochs + "], was " + progress);
    }
    if (progress < warmupEpochs) {
      return floor + (peak - floor) * progress / warmupEpochs;
    }
    double cosine = Math.cos(Math.PI * (progress - warmupEpochs) / (epochs - warmupEpochs));
    return floor + (peak - floor) * (1 + cosine) / 2;
  }
}

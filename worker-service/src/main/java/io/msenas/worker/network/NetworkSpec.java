package io.msenas.worker.network;

/**
 * The fixed (non-evolved) hyperparameters of a spiking network: what the genome does not say.
 *
 * @param channels base channel count C of the first stage (doubles at each reduction)
 * @param timeSteps simulation steps T
 * @param inputChannels channels of the data: 1 for MNIST, 3 for CIFAR, 2 for DVS polarities
 * @param inputSize height and width of the (padded) input, e.g. 32 for MNIST padded from 28
 * @param classes number of output classes of the linear head
 * @param tau LIF membrane time constant (in steps)
 * @param threshold LIF firing threshold v_th
 */
public record NetworkSpec(
    int channels,
    int timeSteps,
    int inputChannels,
    int inputSize,
    int classes,
    double tau,
    double threshold) {

  /** LIF defaults of ALGORITHM section 2. */
  public static final double DEFAULT_TAU = 2.0;

  public static final double DEFAULT_THRESHOLD = 0.5;

  public NetworkSpec {
    require(channels >= 2 && channels % 2 == 0, "channels must be even and >= 2, was " + channels);
    require(timeSteps >= 1, "timeSteps must be >= 1, was " + timeSteps);
    require(inputChannels >= 1, "inputChannels must be >= 1, was " + inputChannels);
    require(inputSize >= 8, "inputSize must be >= 8, was " + inputSize);
    require(classes >= 2, "classes must be >= 2, was " + classes);
    require(tau >= 1.0 && Double.isFinite(tau), "tau must be >= 1, was " + tau);
    require(threshold > 0 && Double.isFinite(threshold), "threshold must be > 0, was " + threshold);
  }

  /**
   * An MNIST network (1 channel, 28x28 digits zero-padded to 32x32, 10 classes) with default LIF
   * constants.
   */
  public static NetworkSpec mnist(int channels, int timeSteps) {
    return new NetworkSpec(channels, timeSteps, 1, 32, 10, DEFAULT_TAU, DEFAULT_THRESHOLD);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}

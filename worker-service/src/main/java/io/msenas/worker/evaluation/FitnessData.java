package io.msenas.worker.evaluation;

import io.msenas.model.genome.InputKind;
import io.msenas.model.message.FitnessConfig;
import io.msenas.worker.data.MnistDataset;
import io.msenas.worker.fitness.Batch;
import io.msenas.worker.network.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A data set as the fitness sees it: its training split, from which seeded random batches are drawn
 * (with their labels, which only label-aware fitness functions read), and the input geometry the
 * network is built for.
 *
 * <p>The shipped MNIST digits are ordered so that any contiguous range is close to class-balanced;
 * records [0, 8000) are the training split, [8000, 9000) validation, [9000, 10000) test. The
 * fitness only ever draws from the training split.
 */
public final class FitnessData {

  /** Records of the shipped MNIST digits that form the training split. */
  public static final int MNIST_TRAIN_SIZE = 8_000;

  private final String name;
  private final MnistDataset mnist;
  private final int trainSize;
  private final int paddedSize;

  private FitnessData(String name, MnistDataset mnist, int trainSize, int paddedSize) {
    this.name = name;
    this.mnist = mnist;
    this.trainSize = trainSize;
    this.paddedSize = paddedSize;
  }

  /** The shipped MNIST digits (28x28, zero-padded to 32x32). */
  public static FitnessData mnist() {
    MnistDataset shipped = MnistDataset.shipped();
    return new FitnessData("mnist", shipped, Math.min(MNIST_TRAIN_SIZE, shipped.size()), 32);
  }

  /**
   * MNIST from IDX files the user points at; its first {@code trainSize} records are the training
   * split.
   */
  public static FitnessData mnist(MnistDataset dataset, int trainSize) {
    if (trainSize < 1 || trainSize > dataset.size()) {
      throw new IllegalArgumentException(
          "trainSize must be in [1, " + dataset.size() + "], was " + trainSize);
    }
    return new FitnessData("mnist", dataset, trainSize, 32);
  }

  /** The data set called {@code name}; only {@code mnist} ships with the worker. */
  public static FitnessData named(String name) {
    if ("mnist".equals(name.toLowerCase(Locale.ROOT))) {
      return mnist();
    }
    throw new IllegalArgumentException("unknown dataset '" + name + "'; known: mnist");
  }

  public String name() {
    return name;
  }

  public InputKind inputKind() {
    return InputKind.STATIC_IMAGE;
  }

  public int inputChannels() {
    return 1;
  }

  public int inputSize() {
    return paddedSize;
  }

  public int classes() {
    return MnistDataset.CLASSES;
  }

  public int trainSize() {
    return trainSize;
  }

  /**
   * The network a fitness configuration builds on this data: its channels, steps and neuron
   * constants, this data's input shape and classes.
   *
   * @throws IllegalArgumentException if the configuration's values do not make a network
   */
  public NetworkSpec networkSpec(FitnessConfig config) {
    return new NetworkSpec(
        config.channels(),
        config.timeSteps(),
        inputChannels(),
        inputSize(),
        classes(),
        config.tau(),
        config.threshold());
  }

  /**
   * {@code count} batches of {@code samples} distinct training records each, drawn from {@code
   * seed} (a partial Fisher-Yates shuffle per batch), as NHWC float arrays with their labels.
   */
  public List<Batch> batches(long seed, int samples, int count) {
    if (samples < 2 || samples > trainSize) {
      throw new IllegalArgumentException(
          "batch size must be in [2, " + trainSize + "], was " + samples);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Batch> batches = new ArrayList<>();
    int[] order = new int[trainSize];
    for (int b = 0; b < count; b++) {
      for (int i = 0; i < trainSize; i++) {
        order[i] = i;
      }
      int[] picked = new int[samples];
      for (int i = 0; i < samples; i++) {
        int j = i + random.nextInt(trainSize - i);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
        picked[i] = order[i];
      }
      int[] labels = new int[samples];
      for (int i = 0; i < samples; i++) {
        labels[i] = mnist.label(picked[i]);
      }
      // one channel: the NCHW batch is also NHWC
      batches.add(new Batch(mnist.batchNchw(picked, paddedSize), samples, labels));
    }
    return batches;
  }
}

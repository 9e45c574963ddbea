package io.msenas.worker.training;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.simulation.NetworkWeights;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainable parameters of a phenotype and its BatchNorm running statistics, by name.
 *
 * <p>Names: {@code stem.w}, {@code conv<i>.w} (kernels [k, k, in, out], i = {@link
 * Phenotype.Conv#index()}), {@code <layer>.gamma}, {@code <layer>.beta} (BatchNorm scale and shift,
 * [C]), {@code head.w} ([in, classes]) and {@code head.b} ([classes]); running statistics {@code
 * <layer>.mean} and {@code <layer>.var}. Weight decay applies to the kernels and {@code head.w}
 * only, never to biases or BatchNorm parameters. The arrays are updated in place (the graphs read
 * them by reference); not thread-safe.
 */
final class ParameterSet implements AutoCloseable {

  private final Map<String, INDArray> trainable;
  private final Map<String, INDArray> statistics;

  private ParameterSet(Map<String, INDArray> trainable, Map<String, INDArray> statistics) {
    this.trainable = trainable;
    this.statistics = statistics;
  }

  /**
   * The initial parameters: the fitness path's seeded weights ({@link NetworkWeights}: He-normal
   * kernels, a normal head with zero bias), BatchNorm at scale 1 and shift 0, running mean 0 and
   * variance 1.
   */
  static ParameterSet initialise(Phenotype phenotype, long seed) {
    Map<String, INDArray> trainable = new LinkedHashMap<>();
    Map<String, INDArray> statistics = new LinkedHashMap<>();
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, seed)) {
      trainable.put("stem.w", weights.stem().dup());
      addNorm("stem", phenotype.stem().outChannels(), trainable, statistics);
      for (Phenotype.Conv conv : phenotype.convolutions()) {
        trainable.put(layer(conv) + ".w", weights.conv(conv.index()).dup());
        addNorm(layer(conv), conv.outChannels(), trainable, statistics);
      }
      Phenotype.Linear head = phenotype.head();
      trainable.put(
          "head.w",
          Nd4j.create(
              weights.headWeightsCopy(),
              new long[] {head.inFeatures(), head.outFeatures()},
              DataType.FLOAT));
      trainable.put("head.b", Nd4j.create(weights.headBiasCopy(), new long[] {head.outFeatures()}));
    }
    return new ParameterSet(trainable, statistics);
  }

  /** The BatchNorm layer name of a convolution. */
  static String layer(Phenotype.Conv conv) {
    return "conv" + conv.index();
  }

  private static void addNorm(
      String layer, int channels, Map<String, INDArray> trainable, Map<String, INDArray> stats) {
    trainable.put(layer + ".gamma", Nd4j.ones(DataType.FLOAT, channels));
    trainable.put(layer + ".beta", Nd4j.zeros(DataType.FLOAT, channels));
    stats.put(layer + ".mean", Nd4j.zeros(DataType.FLOAT, channels));
    stats.put(layer + ".var", Nd4j.ones(DataType.FLOAT, channels));
  }

  /** Whether AdamW decays this parameter: convolution kernels and the head's weights. */
  static boolean isDecayed(String name) {
    return name.endsWith(".w");
  }

  /** Trainable parameter names, in a fixed order. */
  Set<String> trainableNames() {
    return Collections.unmodifiableSet(trainable.keySet());
  }

  /** Running-statistics names, in a fixed order. */
  Set<String> statisticNames() {
    return Collections.unmodifiableSet(statistics.keySet());
  }

  /** Name -> trainable array (the live arrays, for the optimizer). */
  Map<String, INDArray> trainableMap() {
    return Collections.unmodifiableMap(trainable);
  }

  INDArray trainable(String name) {
    return require(trainable, name);
  }

  INDArray statistic(String name) {
    return require(statistics, name);
  }

  /** Number of trainable values. */
  long size() {
    return trainable.values().stream().mapToLong(INDArray::length).sum();
  }

  private static INDArray require(Map<String, INDArray> map, String name) {
    INDArray array = map.get(name);
    if (array == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'");
    }
    return array;
  }

  /** The arrays' data type. */
  DataType dataType() {
    return trainable.values().iterator().next().dataType();
  }

  /** A deep copy in {@code type} (double for gradient checks). */
  ParameterSet castTo(DataType type) {
    Map<String, INDArray> t = new LinkedHashMap<>();
    trainable.forEach((k, v) -> t.put(k, v.castTo(type).dup()));
    Map<String, INDArray> s = new LinkedHashMap<>();
    statistics.forEach((k, v) -> s.put(k, v.castTo(type).dup()));
    return new ParameterSet(t, s);
  }

  /** A deep copy. */
  ParameterSet copy() {
    Map<String, INDArray> t = new LinkedHashMap<>();
    trainable.forEach((k, v) -> t.put(k, v.dup()));
    Map<String, INDArray> s = new LinkedHashMap<>();
    statistics.forEach((k, v) -> s.put(k, v.dup()));
    return new ParameterSet(t, s);
  }

  /** Overwrites every array with {@code other}'s values (same names and shapes). */
  void assignFrom(ParameterSet other) {
    requireSameLayout(other);
    trainable.forEach((k, v) -> v.assign(other.trainable.get(k)));
    statistics.forEach((k, v) -> v.assign(other.statistics.get(k)));
  }

  /**
   * Throws unless {@code other} has the same names and shapes (a checkpoint of another network).
   */
  void requireSameLayout(ParameterSet other) {
    if (!describe(trainable).equals(describe(other.trainable))
        || !describe(statistics).equals(describe(other.statistics))) {
      throw new IllegalArgumentException(
          "parameters do not match this network: expected "
              + describe(trainable)
              + ", got "
              + describe(other.trainable));
    }
  }

  private static List<String> describe(Map<String, INDArray> map) {
    return map.entrySet().stream()
        .map(e -> e.getKey() + Arrays.toString(e.getValue().shape()))
        .toList();
  }

  void write(DataOutputStream out) throws IOException {
    TensorCodec.write(out, trainable);
    TensorCodec.write(out, statistics);
  }

  static ParameterSet read(DataInputStream in) throws IOException {
    Map<String, INDArray> trainable = TensorCodec.read(in);
    try {
      return new ParameterSet(trainable, TensorCodec.read(in));
    } catch (IOException | RuntimeException e) {
      trainable.values().forEach(INDArray::close);
      throw e;
    }
  }

  @Override
  public void close() {
    trainable.values().forEach(INDArray::close);
    statistics.values().forEach(INDArray::close);
  }
}

package io.msenas.worker.simulation;

import io.msenas.model.random.SeedStreams;
import io.msenas.worker.network.Phenotype;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded random weights of a phenotype, as the training-free fitness uses them: He-normal
 * convolution kernels (std = sqrt(2 / fan-in)) in [kH, kW, in, out] order, BatchNorm at scale 1 and
 * shift 0 (so it is not stored), a linear head with std sqrt(1 / fan-in) and zero bias.
 *
 * <p>Each layer draws from its own stream, seeded from the network seed and the layer's index, so
 * the same genome and seed give the same weights bit for bit, whatever else changes, on any JDK
 * ({@link Gaussian} says why the draws are not {@code nextGaussian}'s). Holds native memory: {@link
 * #close()} it.
 */
public final class NetworkWeights implements AutoCloseable {

  private final INDArray stem;
  private final List<INDArray> convs;
  private final float[] head;
  private final float[] headBias;

  private NetworkWeights(INDArray stem, List<INDArray> convs, float[] head, float[] headBias) {
    this.stem = stem;
    this.convs = convs;
    this.head = head;
    this.headBias = headBias;
  }

  /** Draws the weights of {@code phenotype} from {@code seed}. */
  public static NetworkWeights initialise(Phenotype phenotype, long seed) {
    Phenotype.Stem s = phenotype.stem();
    INDArray stem = kernel(3, s.inChannels(), s.outChannels(), stream(seed, -1));
    List<INDArray> convs = new ArrayList<>();
    try {
      // layers draw from their own streams, so they can be drawn in parallel: the same values.
      // Each thread takes the largest layer left: a network's few widest layers hold most of its
      // weights, and an even split of the list (a parallel stream's) left one thread drawing most
      // of them
      List<Phenotype.Conv> layers = phenotype.convolutions();
      float[][] drawn = new float[layers.size()][];
      int[] largestFirst =
          IntStream.range(0, layers.size())
              .boxed()
              .sorted(
                  Comparator.comparingLong((Integer i) -> weightCount(layers.get(i))).reversed())
              .mapToInt(Integer::intValue)
              .toArray();
      AtomicInteger next = new AtomicInteger();
      Parallel.forRange(
          Parallel.THREADS,
          (chunk, from, to) -> {
            for (int k = next.getAndIncrement();
                k < largestFirst.length;
                k = next.getAndIncrement()) {
              Phenotype.Conv conv = layers.get(largestFirst[k]);
              drawn[largestFirst[k]] =
                  heNormal(
                      conv.kernel(),
                      conv.inChannels(),
                      conv.outChannels(),
                      stream(seed, conv.index()));
            }
          });
      for (int i = 0; i < layers.size(); i++) {
        Phenotype.Conv conv = layers.get(i);
        convs.add(
            ForwardSimulator.tensor(
                drawn[i], conv.kernel(), conv.kernel(), conv.inChannels(), conv.outChannels()));
      }
      Phenotype.Linear linear = phenotype.head();
      SplittableRandom random = stream(seed, -2);
      float[] head = new float[linear.inFeatures() * linear.outFeatures()];
      double std = Math.sqrt(1.0 / linear.inFeatures());
      for (int i = 0; i < head.length; i++) {
        head[i] = (float) (Gaussian.next(random) * std);
      }
      return new NetworkWeights(stem, convs, head, new float[linear.outFeatures()]);
    } catch (RuntimeException | Error e) {
      // out of memory part way (a wide network): the native tensors made so far are freed now,
      // not whenever the garbage collector finds them
      stem.close();
      convs.forEach(INDArray::close);
      throw e;
    }
  }

  private static long weightCount(Phenotype.Conv conv) {
    return (long) conv.kernel() * conv.kernel() * conv.inChannels() * conv.outChannels();
  }

  private static INDArray kernel(int k, int in, int out, SplittableRandom random) {
    return ForwardSimulator.tensor(heNormal(k, in, out, random), k, k, in, out);
  }

  /** A He-normal k x k x in x out kernel. */
  private static float[] heNormal(int k, int in, int out, SplittableRandom random) {
    float[] w = new float[k * k * in * out];
    double std = Math.sqrt(2.0 / (k * k * in));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (Gaussian.next(random) * std);
    }
    return w;
  }

  /**
   * The stream of one layer (-1 the stem, -2 the head), from a hash of the network seed and the
   * layer ({@link SeedStreams}): the earlier linear seed, {@code seed * gamma + layer * c}, made
   * neighbouring seeds draw the same weights shifted by one place.
   */
  static SplittableRandom stream(long seed, int layer) {
    return new SplittableRandom(SeedStreams.derive(SeedStreams.mix(seed), layer + 2L));
  }

  /** Stem kernel, [3, 3, in, out]. */
  public INDArray stem() {
    return stem;
  }

  /** Kernel of convolution {@code index} ({@link Phenotype.Conv#index()}), [k, k, in, out]. */
  public INDArray conv(int index) {
    return convs.get(index);
  }

  /** Linear head weights, [in][out] row-major. Shared: do not modify. */
  float[] head() {
    return head;
  }

  float[] headBias() {
    return headBias;
  }

  /** A copy of the linear head's weights, [in][out] row-major (the trainer's initial values). */
  public float[] headWeightsCopy() {
    return head.clone();
  }

  /** A copy of the linear head's bias. */
  public float[] headBiasCopy() {
    return headBias.clone();
  }

  @Override
  public void close() {
    stem.close();
    convs.forEach(INDArray::close);
  }
}

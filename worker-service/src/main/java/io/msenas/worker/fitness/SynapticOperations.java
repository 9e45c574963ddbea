package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.Phenotype.Conv;
import io.msenas.worker.network.Phenotype.PixelView;
import io.msenas.worker.network.Phenotype.Shape;

/**
 * Estimated synaptic operations per sample (SOPs), the cost objective of a two-objective search.
 *
 * <p>A spike costs one multiply-accumulate per synapse it reaches, so
 *
 * <pre>
 *   SOPs = T * ( sum over conv steps c of  rate(in(c)) * M(c)
 *              + rate(head) * N(head) * classes )
 * </pre>
 *
 * where rate(g) is spike group g's measured spike rate (spikes per neuron, step and sample,
 * averaged over the batches), and M(c) = the number of (output value, kernel tap) pairs of
 * convolution c whose tap lies inside its input, times its input channels: the fan-out of all of
 * c's input neurons together, so that rate * M is the expected number of synaptic operations c does
 * per step. Padding is never reached by a spike. A convolution that reads a stride-2 pixel grid of
 * its LIF layer (factorized reduce) counts that grid's neurons, at the whole layer's rate. The head
 * LIF reaches the classifier through global average pooling: one spike, {@code classes} operations.
 * The stem convolution reads the analog image, not spikes, and is not counted. Every conv step
 * counts, so an LIF group read by several edges counts once per edge.
 */
public final class SynapticOperations {

  private SynapticOperations() {}

  /**
   * @param phenotype the network
   * @param rateByGroup each spike group's mean spike rate, indexed by group id
   * @return SOPs per sample over all T steps, finite and {@code >= 0}
   */
  public static double perSample(Phenotype phenotype, double[] rateByGroup) {
    if (rateByGroup.length != phenotype.spikeGroups().size()) {
      throw new IllegalArgumentException(
          "one rate per spike group ("
              + phenotype.spikeGroups().size()
              + ") is needed, had "
              + rateByGroup.length);
    }
    double perStep = 0;
    for (Conv conv : phenotype.convolutions()) {
      perStep += rateByGroup[conv.spikes()] * reachedSynapses(phenotype, conv);
    }
    Shape head = phenotype.spikeGroups().get(phenotype.headSpikes()).shape();
    perStep +=
        rateByGroup[phenotype.headSpikes()] * head.size() * (double) phenotype.head().outFeatures();
    return phenotype.spec().timeSteps() * perStep;
  }

  /**
   * M(c): the synapses of convolution {@code conv} that its input neurons reach, all together
   * (multiply-accumulates per step if every input neuron spiked once).
   */
  static long reachedSynapses(Phenotype phenotype, Conv conv) {
    Shape in = phenotype.spikeGroups().get(conv.spikes()).shape();
    Shape out = phenotype.nodes().get(conv.target()).shape();
    int divisor = conv.view() == PixelView.FULL ? 1 : 2;
    long rows = taps(in.height() / divisor, out.height(), conv);
    long columns = taps(in.width() / divisor, out.width(), conv);
    return rows * columns * conv.inChannels() * conv.outChannels();
  }

  /**
   * Along one dimension: the (output position, kernel offset) pairs whose input position {@code o *
   * stride - padding + d} lies in {@code [0, input)}.
   */
  static long taps(int input, int output, Conv conv) {
    long count = 0;
    for (int o = 0; o < output; o++) {
      for (int d = 0; d < conv.kernel(); d++) {
        int position = o * conv.stride() - conv.padding() + d;
        if (position >= 0 && position < input) {
          count++;
        }
      }
    }
    return count;
  }
}

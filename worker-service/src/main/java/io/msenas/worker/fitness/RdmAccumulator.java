package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.ForwardSimulator;
import io.msenas.worker.simulation.SpikeRaster;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the Hamming RDM of every LIF instance at every step of one batch (ALGORITHM section 5).
 *
 * <p>A spike group standing for m identical LIF instances counts m times. The mean RDM is the sum
 * of the per-(instance, step) RDMs divided by their number; the width-normalised one divides each
 * instance's RDM by its neuron count first. Not thread-safe.
 */
public final class RdmAccumulator implements ForwardSimulator.SpikeObserver {

  /** One LIF layer's activity in this batch. */
  public record LayerActivity(String name, int instances, int neurons, long spikes, double rate) {}

  private final int samples;
  private final int steps;
  private final double[] sum;
  private final double[] normalisedSum;
  private final List<LayerActivity> layers = new ArrayList<>();
  private long instanceSteps;

  public RdmAccumulator(int samples, int steps) {
    this.samples = samples;
    this.steps = steps;
    this.sum = new double[samples * samples];
    this.normalisedSum = new double[samples * samples];
  }

  @Override
  public void onSpikes(SpikeGroup group, SpikeRaster raster) {
    long[] distances = HammingRdm.bitPacked(raster);
    add(group, raster, distances);
  }

  /** Adds one layer's summed-over-steps Hamming distances (see {@link HammingRdm}). */
  void add(SpikeGroup group, SpikeRaster raster, long[] distances) {
    int multiplicity = group.multiplicity();
    double perNeuron = (double) multiplicity / raster.neurons();
    for (int i = 0; i < distances.length; i++) {
      sum[i] += multiplicity * (double) distances[i];
      normalisedSum[i] += perNeuron * distances[i];
    }
    instanceSteps += (long) multiplicity * steps;
    long count = raster.count();
    layers.add(
        new LayerActivity(
            group.name(),
            multiplicity,
            raster.neurons(),
            count,
            (double) count / ((double) raster.neurons() * steps * samples)));
  }

  /** The mean RDM over all (instance, step) pairs: B x B row-major. */
  public double[] meanRdm() {
    return scaled(sum);
  }

  /** The mean of the width-normalised RDMs (each divided by its layer's neuron count). */
  public double[] meanNormalisedRdm() {
    return scaled(normalisedSum);
  }

  /** Sum of the mean RDM's entries: this batch's score. */
  public double score() {
    return total(meanRdm());
  }

  /** Sum of the mean width-normalised RDM's entries. */
  public double normalisedScore() {
    return total(meanNormalisedRdm());
  }

  public List<LayerActivity> layers() {
    return List.copyOf(layers);
  }

  /** LIF instances times steps that entered the mean. */
  public long instanceSteps() {
    return instanceSteps;
  }

  private double[] scaled(double[] values) {
    double[] mean = new double[values.length];
    if (instanceSteps == 0) {
      return mean;
    }
    for (int i = 0; i < values.length; i++) {
      mean[i] = values[i] / instanceSteps;
    }
    return mean;
  }

  private static double total(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }
}

package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.SpikeRaster;

/**
 * {@code rdm-hamming} on one batch (ALGORITHM section 5): the Hamming RDM of every LIF instance at
 * every step.
 *
 * <p>A spike group standing for m identical LIF instances counts m times. The mean RDM is the sum
 * of the per-(instance, step) RDMs divided by their number; the width-normalised one divides each
 * instance's RDM by its neuron count first. The batch's score is the sum of the mean RDM's entries.
 * Not thread-safe.
 */
public final class RdmAccumulator implements BatchScorer {

  private final double[] sum;
  private final double[] normalisedSum;
  private final int steps;
  private long instanceSteps;

  public RdmAccumulator(int samples, int steps) {
    this.steps = steps;
    this.sum = new double[samples * samples];
    this.normalisedSum = new double[samples * samples];
  }

  @Override
  public void onSpikes(SpikeGroup group, SpikeRaster raster) {
    long[] distances = HammingRdm.bitPacked(raster);
    int multiplicity = group.multiplicity();
    double perNeuron = (double) multiplicity / raster.neurons();
    for (int i = 0; i < distances.length; i++) {
      sum[i] += multiplicity * (double) distances[i];
      normalisedSum[i] += perNeuron * distances[i];
    }
    instanceSteps += (long) multiplicity * steps;
  }

  @Override
  public BatchScore finish() {
    return new BatchScore(score(), normalisedScore(), meanRdm());
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

  static double total(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }
}

package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.SpikeRaster;

/**
 * {@code rsa-labels} on one batch: representational similarity analysis against the labels. The
 * network's RDM is {@code rdm-hamming}'s mean Hamming RDM ({@link RdmAccumulator}); the label RDM
 * is 0 for two samples of the same class and 1 otherwise. The batch's score is the Spearman
 * correlation ({@link Spearman}) of the two RDMs' entries above the diagonal (the B(B-1)/2 pairs i
 * &lt; j), ties ranked by their average rank; 0 when either RDM is constant there (a silent
 * network, a batch of one class). In [-1, 1]; larger means the network's dissimilarities follow the
 * classes more. Not thread-safe.
 */
public final class RsaLabels implements BatchScorer {

  private final RdmAccumulator hamming;
  private final int[] labels;

  public RsaLabels(int samples, int steps, int[] labels) {
    if (labels.length != samples) {
      throw new IllegalArgumentException(
          "labels must hold one label per sample (" + samples + "), had " + labels.length);
    }
    this.hamming = new RdmAccumulator(samples, steps);
    this.labels = labels.clone();
  }

  @Override
  public void onSpikes(SpikeGroup group, SpikeRaster raster) {
    hamming.onSpikes(group, raster);
  }

  @Override
  public BatchScore finish() {
    double[] rdm = hamming.meanRdm();
    return new BatchScore(Spearman.correlation(upperTriangle(rdm), labelRdm()), null, rdm);
  }

  /** The label RDM's entries above the diagonal, row by row. */
  double[] labelRdm() {
    int b = labels.length;
    double[] out = new double[b * (b - 1) / 2];
    int k = 0;
    for (int i = 0; i < b; i++) {
      for (int j = i + 1; j < b; j++) {
        out[k++] = labels[i] == labels[j] ? 0 : 1;
      }
    }
    return out;
  }

  /** The entries above the diagonal of a B x B row-major matrix, row by row. */
  static double[] upperTriangle(double[] matrix) {
    int b = (int) Math.round(Math.sqrt(matrix.length));
    double[] out = new double[b * (b - 1) / 2];
    int k = 0;
    for (int i = 0; i < b; i++) {
      for (int j = i + 1; j < b; j++) {
        out[k++] = matrix[i * b + j];
      }
    }
    return out;
  }
}

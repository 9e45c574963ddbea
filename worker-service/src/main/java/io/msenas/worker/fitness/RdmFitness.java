package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.simulation.ForwardSimulator;
import io.msenas.worker.simulation.NetworkWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training-free score {@code rdm-hamming} (ALGORITHM section 5): build the network with seeded
 * random weights, run seeded batches through T steps, take the Hamming RDM of every LIF instance at
 * every step, and score each batch by the sum of the mean RDM; the score is the mean over batches.
 * Larger is better: the network tells its inputs apart more.
 */
public final class RdmFitness {

  /** Name and version of this fitness, as jobs select it and the cache keys on it. */
  public static final String NAME = "rdm-hamming";

  public static final int VERSION = 1;

  private RdmFitness() {}

  /** A batch of inputs: B samples in NHWC layout. */
  public record Batch(float[] images, int samples) {}

  /**
   * One network's score.
   *
   * @param score mean over batches of the sum of the mean Hamming RDM
   * @param widthNormalisedScore the same with each layer's RDM divided by its neuron count
   * @param batchScores per batch
   * @param rdm the first batch's mean RDM, B x B row-major (rows of different batches are different
   *     samples, so RDMs are not averaged across batches)
   * @param samples B
   * @param layers per LIF layer: instances, neurons, and spike rate averaged over the batches
   * @param simulateMs wall time of the simulations (fitness bookkeeping included)
   * @param rdmMs of which the Hamming RDMs took this long
   * @param profile where the simulation time went
   */
  public record Score(
      double score,
      double widthNormalisedScore,
      double[] batchScores,
      double[] rdm,
      int samples,
      List<RdmAccumulator.LayerActivity> layers,
      double simulateMs,
      double rdmMs,
      ForwardSimulator.Profile profile) {}

  /** Scores {@code phenotype} with {@code weights} on {@code batches}. */
  public static Score evaluate(Phenotype phenotype, NetworkWeights weights, List<Batch> batches) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("at least one batch is needed");
    }
    int steps = phenotype.spec().timeSteps();
    double[] batchScores = new double[batches.size()];
    double normalised = 0;
    double[] firstRdm = null;
    Map<String, double[]> rates = new LinkedHashMap<>();
    Map<String, RdmAccumulator.LayerActivity> firstLayers = new LinkedHashMap<>();
    long start = System.nanoTime();
    double rdmMs;
    ForwardSimulator.Profile profile;
    try (ForwardSimulator simulator = new ForwardSimulator(phenotype, weights)) {
      for (int i = 0; i < batches.size(); i++) {
        Batch batch = batches.get(i);
        RdmAccumulator accumulator = new RdmAccumulator(batch.samples(), steps);
        simulator.run(batch.images(), batch.samples(), accumulator);
        batchScores[i] = accumulator.score();
        normalised += accumulator.normalisedScore();
        if (i == 0) {
          firstRdm = accumulator.meanRdm();
        }
        for (RdmAccumulator.LayerActivity layer : accumulator.layers()) {
          firstLayers.putIfAbsent(layer.name(), layer);
          rates.computeIfAbsent(layer.name(), k -> new double[1])[0] +=
              layer.rate() / batches.size();
        }
      }
      profile = simulator.profile();
      rdmMs = profile.observerMs();
    }
    double simulateMs = (System.nanoTime() - start) / 1e6;
    double score = 0;
    for (double s : batchScores) {
      score += s / batches.size();
    }
    List<RdmAccumulator.LayerActivity> layers = new ArrayList<>();
    for (var entry : firstLayers.entrySet()) {
      var first = entry.getValue();
      layers.add(
          new RdmAccumulator.LayerActivity(
              first.name(),
              first.instances(),
              first.neurons(),
              first.spikes(),
              rates.get(entry.getKey())[0]));
    }
    return new Score(
        score,
        normalised / batches.size(),
        batchScores,
        firstRdm,
        batches.get(0).samples(),
        layers,
        simulateMs,
        rdmMs,
        profile);
  }
}

package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.simulation.ForwardSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fitness function of the spikes of the random-weight network (docs/algorithm.md section 5): run
 * each batch through T steps, hand every LIF layer's spikes to a fresh {@link BatchScorer}, score
 * the batch; the score is the mean over the batches. Also measures each layer's spike rate and,
 * from the rates, the network's synaptic operations per sample. Immutable and thread-safe.
 */
public final class SpikeFitness implements FitnessFunction {

  private final String name;
  private final int version;
  private final BatchScorer.Factory scorers;

  /**
   * @param name the function's name
   * @param version its version, {@code >= 1}
   * @param scorers makes the scorer of each batch
   */
  public SpikeFitness(String name, int version, BatchScorer.Factory scorers) {
    this.name = Objects.requireNonNull(name, "name");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
    this.version = version;
    this.scorers = Objects.requireNonNull(scorers, "scorers");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public FitnessScore evaluate(FitnessInput input) {
    Phenotype phenotype = input.phenotype();
    List<Batch> batches = input.batches();
    int steps = phenotype.spec().timeSteps();
    int count = batches.size();
    double[] batchScores = new double[count];
    double normalised = 0;
    boolean hasNormalised = true;
    double[] firstRdm = null;
    double[] rates = new double[phenotype.spikeGroups().size()];
    List<LayerActivity> firstLayers = null;
    long start = System.nanoTime();
    long finishing = 0;
    ForwardSimulator.Profile profile;
    try (ForwardSimulator simulator = new ForwardSimulator(phenotype, input.weights())) {
      for (int i = 0; i < count; i++) {
        Batch batch = batches.get(i);
        BatchScorer scorer = scorers.forBatch(batch.samples(), steps, batch.labels());
        SpikeActivity activity = new SpikeActivity();
        simulator.runSpikes(
            batch.images(),
            batch.samples(),
            (group, raster) -> {
              activity.onSpikes(group, raster);
              scorer.onSpikes(group, raster);
            });
        long beforeFinish = System.nanoTime();
        BatchScore batchScore = scorer.finish();
        finishing += System.nanoTime() - beforeFinish;
        batchScores[i] = batchScore.score();
        if (batchScore.widthNormalisedScore() == null) {
          hasNormalised = false;
        } else {
          normalised += batchScore.widthNormalisedScore();
        }
        if (i == 0) {
          firstRdm = batchScore.rdm();
          firstLayers = activity.layers();
        }
        for (LayerActivity layer : activity.layers()) {
          rates[layer.group()] += layer.rate() / count;
        }
      }
      profile = simulator.profile();
    }
    double simulateMs = (System.nanoTime() - start) / 1e6;
    double score = 0;
    for (double s : batchScores) {
      score += s / count;
    }
    List<LayerActivity> layers = new ArrayList<>();
    for (LayerActivity first : firstLayers) {
      layers.add(
          new LayerActivity(
              first.group(),
              first.name(),
              first.instances(),
              first.neurons(),
              first.spikes(),
              rates[first.group()]));
    }
    return new FitnessScore(
        score,
        hasNormalised ? normalised / count : null,
        batchScores,
        firstRdm,
        batches.get(0).samples(),
        layers,
        SynapticOperations.perSample(phenotype, rates),
        simulateMs,
        profile.observerMs() + finishing / 1e6,
        profile);
  }

  @Override
  public String toString() {
    return name + " v" + version;
  }
}

package io.msenas.worker.fitness;

import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.simulation.ForwardSimulator;
import io.msenas.worker.simulation.SpikeRaster;
import java.util.ArrayList;
import java.util.List;

/**
 * Records each LIF layer's spike count and rate in one batch: spikes per neuron, step and sample,
 * counted once per spike group however many instances it stands for. Not thread-safe.
 */
final class SpikeActivity implements ForwardSimulator.SpikeObserver {

  private final List<LayerActivity> layers = new ArrayList<>();

  @Override
  public void onSpikes(SpikeGroup group, SpikeRaster raster) {
    long count = raster.count();
    layers.add(
        new LayerActivity(
            group.id(),
            group.name(),
            group.multiplicity(),
            raster.neurons(),
            count,
            (double) count / ((double) raster.neurons() * raster.steps() * raster.samples())));
  }

  /** The layers in the order the simulator computed them. */
  List<LayerActivity> layers() {
    return List.copyOf(layers);
  }
}

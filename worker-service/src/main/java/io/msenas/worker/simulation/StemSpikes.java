package io.msenas.worker.simulation;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The spikes of the LIF layer that reads the stem, kept for the next simulation with the same stem
 * weights, images and neuron constants ({@link SimulationMemory#stemSpikes}).
 *
 * <p>Why: every genome of a search has the same stem (its weights come from the job's seed and the
 * stem's layer index) and is scored on the same batches, so this layer, the network's widest (3C
 * channels at full size, a time-invariant input stepped T times), is the same in every evaluation
 * after the first: about 5% of a quick-preset evaluation.
 *
 * <p>An entry owns its tensors (the views {@link io.msenas.worker.network.Phenotype.PixelView} the
 * layers read) and its raster; simulations only read them. It is closed when it is evicted and no
 * simulation uses it.
 */
final class StemSpikes {

  /** What the layer's spikes depend on, compared value for value. */
  static final class Key {
    private final float[] stemWeights;
    private final float[] images;
    private final int samples;
    private final int size;
    private final int inputChannels;
    private final int stemChannels;
    private final int steps;
    private final float tau;
    private final float threshold;
    private final int hash;

    /**
     * @param size the images' height and width
     * @param inputChannels the images' channels
     * @param stemChannels the stem's output channels
     */
    Key(
        float[] stemWeights,
        float[] images,
        int samples,
        int size,
        int inputChannels,
        int stemChannels,
        int steps,
        float tau,
        float threshold) {
      this.stemWeights = stemWeights.clone();
      this.images = images.clone();
      this.samples = samples;
      this.size = size;
      this.inputChannels = inputChannels;
      this.stemChannels = stemChannels;
      this.steps = steps;
      this.tau = tau;
      this.threshold = threshold;
      this.hash =
          31 * (31 * Arrays.hashCode(this.stemWeights) + Arrays.hashCode(this.images))
              + 31 * samples
              + steps;
    }

    long bytes() {
      return 4L * (stemWeights.length + images.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && hash == k.hash
          && samples == k.samples
          && size == k.size
          && inputChannels == k.inputChannels
          && stemChannels == k.stemChannels
          && steps == k.steps
          && Float.compare(tau, k.tau) == 0
          && Float.compare(threshold, k.threshold) == 0
          && Arrays.equals(stemWeights, k.stemWeights)
          && Arrays.equals(images, k.images);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final Key key;
  private final INDArray[] views;
  private final SpikeRaster raster;
  private final long spikeCount;
  private final long bytes;
  private int users;
  private boolean evicted;

  /** An entry owning {@code views} (null where the layer was not asked for that view). */
  StemSpikes(Key key, INDArray[] views, SpikeRaster raster, long spikeCount) {
    this.key = key;
    this.views = views.clone();
    this.raster = raster;
    this.spikeCount = spikeCount;
    long held = key.bytes() + 8L * raster.words().length;
    for (INDArray view : views) {
      if (view != null) {
        held += 4L * view.length();
      }
    }
    this.bytes = held;
  }

  Key key() {
    return key;
  }

  /** The tensor of a view, or null where this entry does not have it. */
  INDArray view(int view) {
    return views[view];
  }

  /** Whether the entry has every view asked for. */
  boolean covers(boolean[] needed) {
    for (int v = 0; v < needed.length; v++) {
      if (needed[v] && views[v] == null) {
        return false;
      }
    }
    return true;
  }

  /** Which views the entry has. */
  boolean[] viewsHeld() {
    boolean[] held = new boolean[views.length];
    for (int v = 0; v < views.length; v++) {
      held[v] = views[v] != null;
    }
    return held;
  }

  SpikeRaster raster() {
    return raster;
  }

  long spikeCount() {
    return spikeCount;
  }

  /** Bytes this entry holds: its tensors, its raster and its key. */
  long bytes() {
    return bytes;
  }

  /** Guarded by {@link SimulationMemory}'s lock, as are {@link #release} and {@link #evict}. */
  void acquire() {
    users++;
  }

  void release() {
    users--;
    if (users == 0 && evicted) {
      closeViews();
    }
  }

  /** Drops the entry: its tensors are closed now, or when the last simulation using it ends. */
  void evict() {
    evicted = true;
    if (users == 0) {
      closeViews();
    }
  }

  /**
   * Never throws: {@link SimulationMemory#keepStemSpikes} evicts after it has taken a simulation's
   * tensors, which must then be the entry's whatever happens.
   */
  private void closeViews() {
    for (int v = 0; v < views.length; v++) {
      if (views[v] != null) {
        try {
          views[v].close();
        } catch (RuntimeException e) {
          // the native memory goes with the garbage collector instead
        }
        views[v] = null;
      }
    }
  }
}

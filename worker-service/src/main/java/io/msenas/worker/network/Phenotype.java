package io.msenas.worker.network;

import java.util.List;

/**
 * A spiking network resolved from a genome: the single description of an architecture that the
 * simulator (fitness) and the trainer both execute.
 *
 * <p>It is a straight-line program over tensors in NHWC layout whose leading dimension is {@code T
 * * B} (time-major: row {@code t * B + b} holds sample b at step t). Node values are analog (sums
 * of edge outputs); spike groups are LIF layers over a node or a channel concatenation of nodes.
 * The program runs every step of one op over all T steps before the next op ("multi-step" order);
 * since no op reads another op's later time steps, this gives the same values as running the whole
 * network step by step, feedback edges included. BatchNorm statistics are taken per channel over
 * all T steps, samples and pixels.
 *
 * @param spec the fixed hyperparameters
 * @param nodes every analog tensor, indexed by {@link Node#id()}
 * @param spikeGroups every LIF layer, indexed by {@link SpikeGroup#id()}
 * @param steps the program, in execution order
 * @param headSpikes the spike group read by the classifier head (global average pool, then linear)
 * @param head the linear classifier
 * @param stem the stem convolution (on the raw input, no LIF)
 */
public record Phenotype(
    NetworkSpec spec,
    List<Node> nodes,
    List<SpikeGroup> spikeGroups,
    List<Step> steps,
    int headSpikes,
    Linear head,
    Stem stem) {

  public Phenotype {
    nodes = List.copyOf(nodes);
    spikeGroups = List.copyOf(spikeGroups);
    steps = List.copyOf(steps);
  }

  /** Height, width and channels of one sample of a tensor. */
  public record Shape(int height, int width, int channels) {
    /** Elements per sample. */
    public int size() {
      return height * width * channels;
    }

    /** Pixels per sample. */
    public int pixels() {
      return height * width;
    }
  }

  /**
   * An analog tensor.
   *
   * @param timeInvariant true when the value is the same at every step (the stem under direct
   *     encoding), stored once per sample instead of T times
   */
  public record Node(int id, String name, Shape shape, boolean timeInvariant) {}

  /**
   * A LIF layer. Its input is the channel concatenation of {@code sources}; all sources have the
   * same height and width.
   *
   * @param multiplicity how many LIF instances of the network these spikes stand for: edges that
   *     read the same node value have identical LIF neurons, computed once and counted this many
   *     times
   */
  public record SpikeGroup(
      int id, String name, List<Integer> sources, Shape shape, int multiplicity) {
    public SpikeGroup {
      sources = List.copyOf(sources);
    }
  }

  /**
   * Which pixels of a spike tensor a convolution reads (factorized reduce takes two stride-2
   * grids).
   */
  public enum PixelView {
    /** every pixel */
    FULL,
    /** pixels (2i, 2j): a 1x1 stride-2 convolution */
    EVEN,
    /** pixels (2i+1, 2j+1): a 1x1 stride-2 convolution of the input shifted by one pixel */
    ODD
  }

  /** Sign clamp after BatchNorm: excitatory edges keep max(x, 0), inhibitory min(x, 0). */
  public enum Clamp {
    NONE,
    EXCITATORY,
    INHIBITORY
  }

  /** One instruction of the program. */
  public sealed interface Step permits ComputeSpikes, Conv, Identity, Zero {}

  /** Run the LIF layer {@code group} over all T steps. */
  public record ComputeSpikes(int group) implements Step {}

  /**
   * spikes -> Conv2d (no bias) -> BatchNorm -> clamp, written into channels [{@code
   * targetChannelOffset}, {@code + outChannels}) of node {@code target}: it overwrites them when
   * {@code overwrite} (the node's first writer), else adds to them (a sum of edges, or a feedback
   * edge added in place).
   */
  public record Conv(
      int index,
      String name,
      int spikes,
      PixelView view,
      int kernel,
      int stride,
      int inChannels,
      int outChannels,
      Clamp clamp,
      int target,
      int targetChannelOffset,
      boolean overwrite)
      implements Step {

    /** Padding on each side: k / 2 (same size at stride 1). */
    public int padding() {
      return kernel / 2;
    }

    /** Trainable parameters: the kernel plus BatchNorm's scale and shift. */
    public long parameterCount() {
      return (long) kernel * kernel * inChannels * outChannels + 2L * outChannels;
    }
  }

  /** target := source (overwrite) or target += source: an identity edge. */
  public record Identity(int source, int target, boolean overwrite) implements Step {}

  /** target := 0: the zero node of an empty motif (m0, mm0). */
  public record Zero(int target) implements Step {}

  /**
   * The stem: Conv2d 3x3 (no bias) -> BatchNorm on the input, no LIF; output node {@code target}.
   */
  public record Stem(int inChannels, int outChannels, int target) {
    public long parameterCount() {
      return 9L * inChannels * outChannels + 2L * outChannels;
    }
  }

  /** The classifier: logits = W x + b on the globally pooled head spikes. */
  public record Linear(int inFeatures, int outFeatures) {
    public long parameterCount() {
      return (long) inFeatures * outFeatures + outFeatures;
    }
  }

  /** Trainable parameters of the whole network. */
  public long parameterCount() {
    long total = stem.parameterCount() + head.parameterCount();
    for (Step step : steps) {
      if (step instanceof Conv conv) {
        total += conv.parameterCount();
      }
    }
    return total;
  }

  /** Multiply-accumulate operations of all convolutions for one sample and one time step. */
  public long convMacsPerSampleStep() {
    long macs = 0;
    for (Step step : steps) {
      if (step instanceof Conv conv) {
        Shape out = nodes.get(conv.target()).shape();
        macs +=
            (long) out.pixels()
                * conv.outChannels()
                * conv.inChannels()
                * conv.kernel()
                * conv.kernel();
      }
    }
    return macs;
  }

  /** The convolution steps, in program order. */
  public List<Conv> convolutions() {
    return steps.stream().filter(Conv.class::isInstance).map(Conv.class::cast).toList();
  }
}

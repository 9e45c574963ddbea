package io.msenas.worker.simulation;

import io.msenas.worker.network.NetworkSpec;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.Phenotype.ComputeSpikes;
import io.msenas.worker.network.Phenotype.Conv;
import io.msenas.worker.network.Phenotype.Identity;
import io.msenas.worker.network.Phenotype.PixelView;
import io.msenas.worker.network.Phenotype.Shape;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.network.Phenotype.Step;
import io.msenas.worker.network.Phenotype.Zero;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a {@link Phenotype} forward over T steps with fixed weights (no gradients): the fitness
 * path.
 *
 * <p>Convolutions go to ND4J (oneDNN, NHWC: several times faster than NCHW at these channel counts;
 * 1x1 ones to the BLAS as one matrix product where {@link PointwiseConvolution} says). After each
 * convolution one Java pass takes its BatchNorm statistics; the output stays where it is, as a term
 * of its node's {@link NodeValue}, and the LIF layers that read the node normalise, clamp and sum
 * its terms as they read them, in the same fused loops as their dynamics. Spikes cross over to the
 * next convolutions by bulk copies. Every LIF layer is handed to a {@link SpikeObserver} as soon as
 * it is computed. Deterministic: the same phenotype, weights and input give the same spikes bit for
 * bit on one machine. One instance serves one thread at a time. Buffers come from a {@link
 * SimulationMemory} and go back to it; {@link #close()} trims it to its limit.
 */
public final class ForwardSimulator implements AutoCloseable {

  /** Receives each LIF layer's spikes. */
  @FunctionalInterface
  public interface SpikeObserver {
    /**
     * @param raster the layer's spikes as bits (B samples x T steps x neurons)
     */
    void onSpikes(SpikeGroup group, SpikeRaster raster);
  }

  /**
   * What one forward run produced.
   *
   * @param logits B x classes, row-major, averaged over the T steps; null from {@link #runSpikes}
   * @param spikeCounts spikes per spike group (index = group id), counted once per group
   */
  public record Output(float[] logits, long[] spikeCounts) {}

  /** Wall time spent per kind of work, in nanoseconds, accumulated over runs. */
  public static final class Profile {
    long convolution;

    /** LIF layers, with the normalising, clamps and sums of their inputs. */
    long neurons;

    /** BatchNorm statistics (and the stem's whole BatchNorm). */
    long normalisation;

    long observer;
    long neuronUpdates;
    long normalisedValues;

    /** LIF updates (neurons x steps x samples) simulated. */
    public long neuronUpdates() {
      return neuronUpdates;
    }

    /** Convolution outputs normalised. */
    public long normalisedValues() {
      return normalisedValues;
    }

    public double convolutionMs() {
      return convolution / 1e6;
    }

    public double neuronsMs() {
      return neurons / 1e6;
    }

    public double normalisationMs() {
      return normalisation / 1e6;
    }

    public double observerMs() {
      return observer / 1e6;
    }
  }

  private final Phenotype phenotype;
  private final NetworkWeights weights;
  private final NetworkSpec spec;
  private final int[] groupLastUse;

  /**
   * Per buffer a node value can read (each convolution's output by index, then the stem's): the
   * last program step that reads it, or the step that makes it when none does.
   */
  private final int[] bufferLastUse;

  /**
   * Per spike group: which pixel views the convolutions that read it take (the head's full view is
   * written too where the logits are computed).
   */
  private final boolean[][] viewsNeeded;

  private final Conv2DConfig[] configs;
  private final Conv2DConfig stemConfig;

  /** Where native tensors and node buffers come from and go back to. */
  private final SimulationMemory memory;

  /** How 1x1 stride-1 convolutions run. */
  private final PointwiseConvolution pointwise;

  private final Profile profile = new Profile();

  /** The group of the stem's LIF layer where its spikes can be kept, else -1. */
  private final int stemGroup;

  /** A simulator borrowing its buffers from {@link SimulationMemory#shared()}. */
  public ForwardSimulator(Phenotype phenotype, NetworkWeights weights) {
    this(phenotype, weights, SimulationMemory.shared());
  }

  public ForwardSimulator(Phenotype phenotype, NetworkWeights weights, SimulationMemory memory) {
    this(phenotype, weights, memory, PointwiseConvolution.forThisProcess());
  }

  /**
   * A simulator running 1x1 convolutions the given way (tests compare the two; a process otherwise
   * uses {@link PointwiseConvolution#forThisProcess()} throughout, so that its scores stay
   * reproducible).
   */
  ForwardSimulator(
      Phenotype phenotype,
      NetworkWeights weights,
      SimulationMemory memory,
      PointwiseConvolution pointwise) {
    this.memory = memory;
    this.pointwise = pointwise;
    this.phenotype = phenotype;
    this.weights = weights;
    this.spec = phenotype.spec();
    List<Step> steps = phenotype.steps();
    groupLastUse = new int[phenotype.spikeGroups().size()];
    Arrays.fill(groupLastUse, -1);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step instanceof ComputeSpikes c) {
        groupLastUse[c.group()] = Math.max(groupLastUse[c.group()], i);
      } else if (step instanceof Conv conv) {
        groupLastUse[conv.spikes()] = i;
      }
    }
    bufferLastUse = bufferLastUse(phenotype);
    stemGroup = keepableStemGroup(phenotype);
    viewsNeeded = new boolean[phenotype.spikeGroups().size()][PixelView.values().length];
    for (Conv conv : phenotype.convolutions()) {
      viewsNeeded[conv.spikes()][conv.view().ordinal()] = true;
    }
    List<Conv> convs = phenotype.convolutions();
    configs = new Conv2DConfig[convs.size()];
    for (Conv conv : convs) {
      configs[conv.index()] = config(conv.kernel(), conv.stride(), conv.padding());
    }
    stemConfig = config(3, 1, 1);
  }

  /**
   * The spike group of the LIF layer that reads the stem alone, whose spikes a later simulation can
   * take from {@link SimulationMemory#stemSpikes}; or -1 where the stem node is read or written any
   * other way (then it is computed every time).
   */
  private static int keepableStemGroup(Phenotype phenotype) {
    int stem = phenotype.stem().target();
    int found = -1;
    for (SpikeGroup group : phenotype.spikeGroups()) {
      if (group.sources().contains(stem)) {
        if (found >= 0 || group.sources().size() != 1) {
          return -1;
        }
        found = group.id();
      }
    }
    for (Step step : phenotype.steps()) {
      boolean touchesStem =
          step instanceof Conv conv && conv.target() == stem
              || step instanceof Identity id && (id.source() == stem || id.target() == stem)
              || step instanceof Zero z && z.target() == stem;
      if (touchesStem) {
        return -1;
      }
    }
    return found == phenotype.headSpikes() ? -1 : found;
  }

  /**
   * When each buffer is read for the last time: the program run with, for each node, the set of
   * buffers its current value reads ({@link NodeValue} keeps convolution outputs, not node
   * tensors).
   */
  private static int[] bufferLastUse(Phenotype phenotype) {
    List<Conv> convs = phenotype.convolutions();
    int stemBuffer = convs.size();
    int[] lastUse = new int[convs.size() + 1];
    Arrays.fill(lastUse, -1);
    List<Set<Integer>> reads = new ArrayList<>();
    for (int n = 0; n < phenotype.nodes().size(); n++) {
      reads.add(new HashSet<>());
    }
    reads.get(phenotype.stem().target()).add(stemBuffer);
    List<Step> steps = phenotype.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step instanceof ComputeSpikes c) {
        for (int source : phenotype.spikeGroups().get(c.group()).sources()) {
          for (int buffer : reads.get(source)) {
            lastUse[buffer] = i;
          }
        }
      } else if (step instanceof Conv conv) {
        Set<Integer> target = reads.get(conv.target());
        boolean wholeNode =
            NodeValue.coversWholeNode(
                conv.targetChannelOffset(),
                conv.outChannels(),
                phenotype.nodes().get(conv.target()).shape().channels());
        if (conv.overwrite() && wholeNode) {
          target.clear();
        }
        target.add(conv.index());
        lastUse[conv.index()] = Math.max(lastUse[conv.index()], i);
      } else if (step instanceof Identity id) {
        Set<Integer> target = reads.get(id.target());
        if (id.overwrite()) {
          target.clear();
        }
        target.addAll(reads.get(id.source()));
      } else if (step instanceof Zero z) {
        reads.get(z.target()).clear();
      }
    }
    // a stem nothing reads goes back after the first step
    lastUse[stemBuffer] = Math.max(lastUse[stemBuffer], 0);
    return lastUse;
  }

  private static Conv2DConfig config(int kernel, int stride, int padding) {
    return Conv2DConfig.builder()
        .kH(kernel)
        .kW(kernel)
        .sH(stride)
        .sW(stride)
        .pH(padding)
        .pW(padding)
        .dH(1)
        .dW(1)
        .paddingMode(PaddingMode.VALID)
        .dataFormat(Conv2DConfig.NHWC)
        .weightsFormat(WeightsFormat.YXIO)
        .build();
  }

  public Profile profile() {
    return profile;
  }

  /**
   * Simulates one batch.
   *
   * @param images B samples in NHWC layout: [B, size, size, inputChannels], analog values fed at
   *     every step (direct encoding)
   */
  public Output run(float[] images, int samples, SpikeObserver observer) {
    return run(images, samples, observer, true);
  }

  /**
   * {@link #run} without the logits, which no training-free fitness reads: the head's LIF layer
   * still goes to the observer, but its spikes are not written out for the pooling and the linear
   * layer. The same spikes, bit for bit.
   */
  public Output runSpikes(float[] images, int samples, SpikeObserver observer) {
    return run(images, samples, observer, false);
  }

  private Output run(float[] images, int samples, SpikeObserver observer, boolean withLogits) {
    int steps = spec.timeSteps();
    int rows = steps * samples;
    int size = spec.inputSize();
    if (images.length != samples * size * size * spec.inputChannels()) {
      throw new IllegalArgumentException(
          "images must hold "
              + samples
              + " x "
              + size
              + " x "
              + size
              + " x "
              + spec.inputChannels()
              + " values, had "
              + images.length);
    }
    NodeValue[] values = new NodeValue[phenotype.nodes().size()];
    Buffers buffers = new Buffers(phenotype.convolutions().size() + 1);
    SpikeState[] spikes = new SpikeState[phenotype.spikeGroups().size()];
    long[] spikeCounts = new long[spikes.length];
    // every buffer borrowed is in buffers or spikes as soon as it is borrowed, and goes back at the
    // end, also when a step (or the observer) throws
    StemLayer stem = stemGroup >= 0 ? new StemLayer(images, samples) : null;
    try {
      if (stem == null || stem.kept == null) {
        runStem(images, samples, values, buffers);
      }
      List<Step> program = phenotype.steps();
      float[] logits = null;
      for (int i = 0; i < program.size(); i++) {
        Step step = program.get(i);
        if (step instanceof ComputeSpikes c) {
          SpikeGroup group = phenotype.spikeGroups().get(c.group());
          SpikeState state = new SpikeState();
          spikes[c.group()] = state;
          boolean head = c.group() == phenotype.headSpikes();
          boolean isStem = c.group() == stemGroup;
          if (isStem && stem.kept != null) {
            // the same spikes as the last simulation of this stem and batch: read, not computed
            spikeCounts[c.group()] = stem.readInto(state, group, observer);
          } else {
            boolean[] needed = isStem ? stem.views : viewsNeeded[c.group()].clone();
            needed[PixelView.FULL.ordinal()] |= head && withLogits;
            SpikeRaster raster =
                computeSpikes(group, state, values, rows, samples, observer, spikeCounts, needed);
            if (isStem) {
              stem.keep(state, raster, spikeCounts[c.group()]);
            }
          }
          if (head && withLogits) {
            logits = headLogits(state.views[PixelView.FULL.ordinal()], group.shape(), samples);
          }
        } else if (step instanceof Conv conv) {
          runConv(conv, spikes[conv.spikes()], values, rows, buffers);
        } else if (step instanceof Identity id) {
          NodeValue source = values[id.source()];
          // target := source shares the immutable value; target += source adds it, computed first
          values[id.target()] =
              id.overwrite()
                  ? source
                  : valueOf(values, id.target()).plus(new NodeValue.Nested(source, false));
        } else if (step instanceof Zero z) {
          values[z.target()] = valueOf(values, z.target()).plus(new NodeValue.Zeros());
        }
        release(i, buffers, spikes);
      }
      return new Output(logits, spikeCounts);
    } finally {
      for (SpikeState state : spikes) {
        if (state != null) {
          state.close(memory);
        }
      }
      buffers.releaseAll();
      if (stem != null) {
        stem.release();
      }
    }
  }

  /**
   * The stem's LIF layer in one simulation ({@link StemSpikes}): {@link #kept} is the entry it
   * reads, acquired when the simulation starts, or the one it computes and keeps; null where there
   * is none.
   */
  private final class StemLayer {
    final StemSpikes.Key key;

    /** The views to compute: the layer's own, and those of an entry that lacks some of them. */
    final boolean[] views;

    StemSpikes kept;

    StemLayer(float[] images, int samples) {
      key =
          new StemSpikes.Key(
              weights.stem().data().asFloat(),
              images,
              samples,
              spec.inputSize(),
              spec.inputChannels(),
              phenotype.nodes().get(phenotype.stem().target()).shape().channels(),
              spec.timeSteps(),
              (float) spec.tau(),
              (float) spec.threshold());
      views = viewsNeeded[stemGroup].clone();
      kept = memory.stemSpikes(key);
      if (kept != null && !kept.covers(views)) {
        // computed again with the views kept and these: a search's genomes soon share one entry
        boolean[] held = kept.viewsHeld();
        for (int v = 0; v < held.length; v++) {
          views[v] |= held[v];
        }
        memory.release(kept);
        kept = null;
      }
    }

    /** Takes the kept layer's tensors into {@code state}; returns its spike count. */
    long readInto(SpikeState state, SpikeGroup group, SpikeObserver observer) {
      state.keptBy(kept);
      if (observer != null) {
        observer.onSpikes(group, kept.raster());
      }
      return kept.spikeCount();
    }

    /** Offers the layer just computed into {@code state} to the memory, which may keep it. */
    void keep(SpikeState state, SpikeRaster raster, long spikeCount) {
      kept = memory.keepStemSpikes(key, state.views, raster, spikeCount);
      if (kept != null) {
        state.keptBy(kept);
      }
    }

    void release() {
      if (kept != null) {
        memory.release(kept);
      }
    }
  }

  /** The node's value so far, or an empty one. */
  private NodeValue valueOf(NodeValue[] values, int node) {
    if (values[node] == null) {
      Shape shape = phenotype.nodes().get(node).shape();
      values[node] = NodeValue.empty(shape.pixels(), shape.channels());
    }
    return values[node];
  }

  private void runStem(float[] images, int samples, NodeValue[] values, Buffers buffers) {
    Phenotype.Stem stem = phenotype.stem();
    int size = spec.inputSize();
    Shape shape = phenotype.nodes().get(stem.target()).shape();
    INDArray input = tensor(images, samples, size, size, spec.inputChannels());
    INDArray output = null;
    try {
      output = memory.borrowTensor(samples, size, size, shape.channels());
      long start = System.nanoTime();
      Nd4j.exec(
          new Conv2D(new INDArray[] {input, weights.stem()}, new INDArray[] {output}, stemConfig));
      profile.convolution += System.nanoTime() - start;
      // the stem is small (B rows, not T*B) and read by several cells: normalised once, kept whole
      float[] target = memory.borrowArray(samples * shape.size());
      buffers.stem = target;
      start = System.nanoTime();
      BatchNormKernel.normaliseInto(
          floats(output),
          (int) (output.length() / shape.channels()),
          shape.channels(),
          Phenotype.Clamp.NONE,
          target,
          shape.channels(),
          0,
          true);
      profile.normalisation += System.nanoTime() - start;
      profile.normalisedValues += output.length();
      values[stem.target()] = NodeValue.dense(target, shape.pixels(), shape.channels(), true);
    } finally {
      if (output != null) {
        memory.giveBack(output);
      }
      input.close();
    }
  }

  /**
   * Runs a spike group's LIF layer into {@code state}, whose tensors it borrows: the views {@code
   * needed} (those the convolutions read, and the full view also for the head's logits). Returns
   * the raster.
   */
  private SpikeRaster computeSpikes(
      SpikeGroup group,
      SpikeState state,
      NodeValue[] values,
      int rows,
      int samples,
      SpikeObserver observer,
      long[] spikeCounts,
      boolean[] needed) {
    long start = System.nanoTime();
    List<Integer> sources = group.sources();
    NodeValue[] inputs = new NodeValue[sources.size()];
    for (int j = 0; j < sources.size(); j++) {
      inputs[j] = values[sources.get(j)];
    }
    Shape shape = group.shape();
    FloatBuffer[] buffers = new FloatBuffer[needed.length];
    for (PixelView view : PixelView.values()) {
      if (needed[view.ordinal()]) {
        int divisor = view == PixelView.FULL ? 1 : 2;
        INDArray tensor =
            memory.borrowTensor(
                rows, shape.height() / divisor, shape.width() / divisor, shape.channels());
        state.views[view.ordinal()] = tensor;
        buffers[view.ordinal()] = floats(tensor);
      }
    }
    SpikeRaster raster =
        LifKernel.raster(
            samples, spec.timeSteps(), shape.height(), shape.width(), shape.channels());
    LifKernel.Output output =
        new LifKernel.Output(
            buffers[PixelView.FULL.ordinal()],
            buffers[PixelView.EVEN.ordinal()],
            buffers[PixelView.ODD.ordinal()]);
    spikeCounts[group.id()] =
        LifKernel.run(
            LifKernel.Input.of(inputs, shape.height(), shape.width()),
            spec.timeSteps(),
            samples,
            (float) spec.tau(),
            (float) spec.threshold(),
            output,
            raster);
    long afterLif = System.nanoTime();
    profile.neurons += afterLif - start;
    profile.neuronUpdates += (long) rows * shape.size();
    if (observer != null) {
      observer.onSpikes(group, raster);
      profile.observer += System.nanoTime() - afterLif;
    }
    return raster;
  }

  private void runConv(Conv conv, SpikeState state, NodeValue[] values, int rows, Buffers buffers) {
    INDArray input = state.views[conv.view().ordinal()];
    long start = System.nanoTime();
    Shape target = phenotype.nodes().get(conv.target()).shape();
    INDArray output =
        memory.borrowTensor(rows, target.height(), target.width(), conv.outChannels());
    buffers.convOutputs[conv.index()] = output;
    convolve(conv, input, output);
    long afterConv = System.nanoTime();
    profile.convolution += afterConv - start;
    // only the statistics now: the LIF layers that read the node normalise as they read
    FloatBuffer data = floats(output);
    BatchNormKernel.Affine affine =
        BatchNormKernel.statistics(
            data, (int) (output.length() / conv.outChannels()), conv.outChannels());
    profile.normalisation += System.nanoTime() - afterConv;
    profile.normalisedValues += output.length();
    NodeValue.ConvOutput term =
        new NodeValue.ConvOutput(data, target.pixels(), conv.clamp(), affine);
    values[conv.target()] =
        valueOf(values, conv.target())
            .plus(new NodeValue.Normalised(term, conv.targetChannelOffset(), conv.overwrite()));
  }

  /** Runs one convolution of the network: {@code output} (NHWC) is overwritten. */
  private void convolve(Conv conv, INDArray input, INDArray output) {
    INDArray kernel = weights.conv(conv.index());
    if (pointwise == PointwiseConvolution.GEMM
        && PointwiseConvolution.applies(conv.kernel(), conv.stride())) {
      PointwiseConvolution.multiply(input, kernel, output);
      return;
    }
    Nd4j.exec(
        new Conv2D(new INDArray[] {input, kernel}, new INDArray[] {output}, configs[conv.index()]));
  }

  /**
   * A native float tensor (C order) holding {@code values}, filled by one bulk copy: {@code
   * Nd4j.create(float[], ...)} copies element by element, about 6 times slower (6 ms for the 2
   * million weights of a large quick-preset network).
   */
  static INDArray tensor(float[] values, long... shape) {
    long length = 1;
    for (long dimension : shape) {
      length *= dimension;
    }
    if (values.length != length) {
      throw new IllegalArgumentException(
          "a tensor of shape "
              + java.util.Arrays.toString(shape)
              + " holds "
              + length
              + " floats, given "
              + values.length);
    }
    INDArray tensor = Nd4j.createUninitialized(DataType.FLOAT, shape);
    floats(tensor).put(0, values);
    return tensor;
  }

  static FloatBuffer floats(INDArray array) {
    return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private float[] headLogits(INDArray tensor, Shape shape, int samples) {
    float[] spikes = new float[(int) tensor.length()];
    floats(tensor).get(0, spikes);
    int classes = spec.classes();
    int channels = shape.channels();
    int pixels = shape.pixels();
    float[] w = weights.head();
    float[] bias = weights.headBias();
    float[] logits = new float[samples * classes];
    float[] pooled = new float[channels];
    int steps = spec.timeSteps();
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < samples; b++) {
        Arrays.fill(pooled, 0f);
        int base = (t * samples + b) * pixels * channels;
        for (int p = 0; p < pixels; p++) {
          for (int c = 0; c < channels; c++) {
            pooled[c] += spikes[base + p * channels + c];
          }
        }
        for (int k = 0; k < classes; k++) {
          float z = bias[k];
          for (int c = 0; c < channels; c++) {
            z += pooled[c] / pixels * w[c * classes + k];
          }
          logits[b * classes + k] += z / steps;
        }
      }
    }
    return logits;
  }

  private void release(int step, Buffers buffers, SpikeState[] spikes) {
    for (int b = 0; b < bufferLastUse.length; b++) {
      if (bufferLastUse[b] == step) {
        buffers.release(b);
      }
    }
    for (int g = 0; g < groupLastUse.length; g++) {
      if (groupLastUse[g] == step && spikes[g] != null && g != phenotype.headSpikes()) {
        spikes[g].close(memory);
        spikes[g] = null;
      }
    }
  }

  /** The buffers node values read: convolution outputs by index, then the stem's values. */
  private final class Buffers {
    final INDArray[] convOutputs;
    float[] stem;

    Buffers(int count) {
      convOutputs = new INDArray[count - 1];
    }

    void release(int buffer) {
      if (buffer == convOutputs.length) {
        if (stem != null) {
          memory.giveBack(stem);
          stem = null;
        }
      } else if (convOutputs[buffer] != null) {
        memory.giveBack(convOutputs[buffer]);
        convOutputs[buffer] = null;
      }
    }

    void releaseAll() {
      for (int b = 0; b <= convOutputs.length; b++) {
        release(b);
      }
    }
  }

  /**
   * Times the network's convolutions alone, on inputs of the same shapes (random binary spikes), as
   * a floor for what a simulation of this network can cost: the same calls (1x1 convolutions as
   * {@link PointwiseConvolution} says), without neurons, normalisation or fitness.
   *
   * @return milliseconds for one batch of {@code samples}
   */
  public double timeConvolutionsOnly(int samples) {
    int rows = spec.timeSteps() * samples;
    int size = spec.inputSize();
    Shape stemShape = phenotype.nodes().get(phenotype.stem().target()).shape();
    INDArray image = Nd4j.rand(DataType.FLOAT, samples, size, size, spec.inputChannels());
    long total =
        timeInto(
            image,
            output ->
                Nd4j.exec(
                    new Conv2D(
                        new INDArray[] {image, weights.stem()},
                        new INDArray[] {output},
                        stemConfig)),
            samples,
            size,
            size,
            stemShape.channels());
    for (Conv conv : phenotype.convolutions()) {
      Shape in = phenotype.spikeGroups().get(conv.spikes()).shape();
      int h = conv.view() == PixelView.FULL ? in.height() : in.height() / 2;
      int w = conv.view() == PixelView.FULL ? in.width() : in.width() / 2;
      INDArray input =
          Nd4j.rand(DataType.FLOAT, rows, h, w, conv.inChannels()).gt(0.8).castTo(DataType.FLOAT);
      Shape target = phenotype.nodes().get(conv.target()).shape();
      total +=
          timeInto(
              input,
              output -> convolve(conv, input, output),
              rows,
              target.height(),
              target.width(),
              conv.outChannels());
    }
    return total / 1e6;
  }

  /**
   * Nanoseconds of one convolution into a borrowed output of {@code outputShape}; the output goes
   * back to the pool and {@code input} is closed afterwards, also when it throws.
   */
  private long timeInto(INDArray input, Consumer<INDArray> convolution, long... outputShape) {
    INDArray output = null;
    try {
      output = memory.borrowTensor(outputShape);
      long start = System.nanoTime();
      convolution.accept(output);
      return System.nanoTime() - start;
    } finally {
      if (output != null) {
        memory.giveBack(output);
      }
      input.close();
    }
  }

  @Override
  public void close() {
    memory.trim();
  }

  /**
   * One spike group's spikes: the native tensors its readers take, by {@link PixelView}, borrowed
   * from the pool, or a kept stem layer's ({@link #keptBy}), which are not given back.
   */
  private static final class SpikeState {
    final INDArray[] views = new INDArray[PixelView.values().length];
    private boolean kept;

    /** The views are the entry's from now on. */
    void keptBy(StemSpikes entry) {
      for (int v = 0; v < views.length; v++) {
        views[v] = entry.view(v);
      }
      kept = true;
    }

    void close(SimulationMemory memory) {
      if (kept) {
        return;
      }
      for (int v = 0; v < views.length; v++) {
        if (views[v] != null) {
          memory.giveBack(views[v]);
          views[v] = null;
        }
      }
    }
  }
}

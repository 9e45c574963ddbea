package io.msenas.worker.training;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.Phenotype.Clamp;
import io.msenas.worker.network.Phenotype.ComputeSpikes;
import io.msenas.worker.network.Phenotype.Conv;
import io.msenas.worker.network.Phenotype.Identity;
import io.msenas.worker.network.Phenotype.PixelView;
import io.msenas.worker.network.Phenotype.Shape;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.network.Phenotype.Step;
import io.msenas.worker.network.Phenotype.Zero;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Phenotype} as a SameDiff graph: the trainer's network, built by walking the same program
 * the fitness path's {@code ForwardSimulator} executes, with no second description of the
 * architecture.
 *
 * <p>Layout and order follow the phenotype: NHWC tensors whose leading dimension is T * B
 * (time-major), every op applied to all T steps at once; only the LIF layers unroll the T steps
 * (back-propagation through time runs through these unrolled steps). Membranes start at 0 for every
 * sample. A static input ([B, H, W, C]) is fed at every step, so the stem runs once and its LIF
 * readers see the same current at each step; an input of per-step frames is [T * B, H, W, C].
 *
 * <p>In {@link Mode#TRAINING} BatchNorm normalises with the batch's statistics (per channel over
 * all steps, samples and pixels, biased variance, as the simulator does) and the graph outputs them
 * ({@code <layer>.batchMean}, {@code <layer>.batchVar}, [1, 1, 1, C]) so that the trainer can keep
 * running averages; in {@link Mode#INFERENCE} it uses those running statistics. The graph has a
 * fixed batch size. Outputs: {@value #LOGITS} ([B, classes], averaged over T), {@value #LOSS}
 * (label-smoothed cross-entropy against the {@value #TARGETS} placeholder, which holds the smoothed
 * target distributions) and one spike sum per LIF layer. Not thread-safe.
 */
final class NetworkGraph {

  static final String INPUT = "input";
  static final String TARGETS = "targets";
  static final String DROP_PATH = "dropPath";
  static final String LOGITS = "logits";
  static final String LOSS = "loss";
  static final float EPSILON = 1e-5f;

  /** Which statistics BatchNorm uses. */
  enum Mode {
    TRAINING,
    INFERENCE
  }

  /**
   * How the graph is built.
   *
   * @param mode BatchNorm statistics (and whether drop-path applies)
   * @param forward the spike function's forward (the Heaviside step, or smooth for gradient checks)
   * @param alpha the surrogate gate's sharpness
   * @param detachReset whether the reset {@code u (1 - s)} treats s as a constant
   * @param dropPath whether the graph takes per-sample drop-path masks for its cell edges
   * @param referenceLif whether LIF layers are built step by step ({@link #referenceLif}) even
   *     where the few-op form applies (a test compares the two)
   */
  record Options(
      Mode mode,
      SurrogateSpike.Forward forward,
      double alpha,
      boolean detachReset,
      boolean dropPath,
      boolean referenceLif) {

    Options(
        Mode mode,
        SurrogateSpike.Forward forward,
        double alpha,
        boolean detachReset,
        boolean dropPath) {
      this(mode, forward, alpha, detachReset, dropPath, false);
    }

    /** The same options with the step-by-step reference LIF. */
    Options withReferenceLif() {
      return new Options(mode, forward, alpha, detachReset, dropPath, true);
    }

    static Options training(boolean dropPath) {
      return new Options(
          Mode.TRAINING,
          SurrogateSpike.Forward.HEAVISIDE,
          SurrogateSpike.DEFAULT_ALPHA,
          true,
          dropPath);
    }

    static Options inference() {
      return new Options(
          Mode.INFERENCE,
          SurrogateSpike.Forward.HEAVISIDE,
          SurrogateSpike.DEFAULT_ALPHA,
          true,
          false);
    }
  }

  private final SameDiff sd = SameDiff.create();
  private final Phenotype phenotype;
  private final ParameterSet parameters;
  private final Options options;
  private final int samples;
  private final int steps;
  private final int rows;
  private final boolean framesPerStep;
  private final DataType dataType;

  private final SDVariable[] values;
  private final boolean[] invariant;
  private final Map<Integer, TreeMap<Integer, SDVariable>> pieces = new HashMap<>();
  private final SDVariable[] spikes;
  private final Map<String, SDVariable> views = new HashMap<>();
  private final Map<String, SDVariable> zeros = new HashMap<>();
  private final Map<String, SDVariable> constants = new HashMap<>();
  private final Map<String, Conv2DConfig> configs = new HashMap<>();
  private final List<String> normLayers = new ArrayList<>();
  private final Map<String, Long> valuesPerChannel = new HashMap<>();
  private final List<String> spikeSums = new ArrayList<>();
  private long neuronsPerSampleStep;
  private SDVariable[] dropPathMasks;
  private int dropPathEdges;

  private NetworkGraph(
      Phenotype phenotype,
      ParameterSet parameters,
      int samples,
      boolean framesPerStep,
      Options options) {
    this.phenotype = phenotype;
    this.parameters = parameters;
    this.options = options;
    this.samples = samples;
    this.steps = phenotype.spec().timeSteps();
    this.rows = steps * samples;
    this.framesPerStep = framesPerStep;
    this.dataType = parameters.dataType();
    this.values = new SDVariable[phenotype.nodes().size()];
    this.invariant = new boolean[values.length];
    this.spikes = new SDVariable[phenotype.spikeGroups().size()];
  }

  /**
   * Builds the graph of {@code phenotype} for batches of {@code samples}; its variables are the
   * arrays of {@code parameters} themselves (updating those arrays in place updates the graph).
   */
  static NetworkGraph build(
      Phenotype phenotype,
      ParameterSet parameters,
      int samples,
      boolean framesPerStep,
      Options options) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, was " + samples);
    }
    NetworkGraph graph = new NetworkGraph(phenotype, parameters, samples, framesPerStep, options);
    graph.buildGraph();
    return graph;
  }

  SameDiff sameDiff() {
    return sd;
  }

  int samples() {
    return samples;
  }

  /** The BatchNorm layers, whose batch statistics a training graph outputs. */
  List<String> normLayers() {
    return normLayers;
  }

  /** How many values a BatchNorm layer normalises per channel in one batch (its statistics' n). */
  long valuesPerChannel(String layer) {
    return valuesPerChannel.get(layer);
  }

  /** Output names of the spike sums, one per LIF layer. */
  List<String> spikeSums() {
    return spikeSums;
  }

  /** LIF neurons of one sample at one step, summed over the layers (each counted once). */
  long neuronsPerSampleStep() {
    return neuronsPerSampleStep;
  }

  /** Number of edges that take a drop-path mask (0 unless built with drop-path). */
  int dropPathEdges() {
    return dropPathEdges;
  }

  static String batchMean(String layer) {
    return layer + ".batchMean";
  }

  static String batchVar(String layer) {
    return layer + ".batchVar";
  }

  private void buildGraph() {
    var spec = phenotype.spec();
    int size = spec.inputSize();
    long inputRows = framesPerStep ? rows : samples;
    SDVariable input = sd.placeHolder(INPUT, dataType, inputRows, size, size, spec.inputChannels());
    if (options.dropPath() && options.mode() == Mode.TRAINING) {
      dropPathEdges =
          (int) phenotype.convolutions().stream().filter(c -> c.clamp() != Clamp.NONE).count();
      if (dropPathEdges > 0) {
        SDVariable masks = sd.placeHolder(DROP_PATH, dataType, dropPathEdges, rows, 1, 1, 1);
        dropPathMasks =
            dropPathEdges == 1
                ? new SDVariable[] {sd.reshape(masks, rows, 1, 1, 1)}
                : sd.unstack(masks, 0, dropPathEdges);
      }
    }
    Phenotype.Stem stem = phenotype.stem();
    SDVariable stemOut = sd.cnn().conv2d(input, param("stem.w"), config(3, 1, 1));
    values[stem.target()] = norm("stem", stemOut, inputRows, size, size, stem.outChannels());
    invariant[stem.target()] = !framesPerStep;

    int edge = 0;
    for (Step step : phenotype.steps()) {
      if (step instanceof ComputeSpikes c) {
        spikes[c.group()] = lif(phenotype.spikeGroups().get(c.group()));
      } else if (step instanceof Conv conv) {
        SDVariable out =
            sd.cnn()
                .conv2d(
                    view(conv.spikes(), conv.view()),
                    param(ParameterSet.layer(conv) + ".w"),
                    config(conv.kernel(), conv.stride(), conv.padding()));
        Shape target = phenotype.nodes().get(conv.target()).shape();
        out =
            clamp(
                norm(
                    ParameterSet.layer(conv),
                    out,
                    rows,
                    target.height(),
                    target.width(),
                    conv.outChannels()),
                conv.clamp());
        if (conv.clamp() != Clamp.NONE && dropPathMasks != null) {
          out = out.mul(dropPathMasks[edge]);
        }
        if (conv.clamp() != Clamp.NONE) {
          edge++;
        }
        write(conv.target(), conv.targetChannelOffset(), conv.outChannels(), out, conv.overwrite());
      } else if (step instanceof Identity id) {
        SDVariable source = read(id.source());
        if (invariant[id.source()]) {
          source = expand(source);
        }
        Shape shape = phenotype.nodes().get(id.target()).shape();
        write(id.target(), 0, shape.channels(), source, id.overwrite());
      } else if (step instanceof Zero z) {
        values[z.target()] = zeros(phenotype.nodes().get(z.target()).shape());
      }
    }
    head();
  }

  private SDVariable param(String name) {
    SDVariable existing = sd.getVariable(name);
    if (existing != null) {
      return existing;
    }
    boolean statistic = name.endsWith(".mean") || name.endsWith(".var");
    return sd.var(name, statistic ? parameters.statistic(name) : parameters.trainable(name));
  }

  private Conv2DConfig config(int kernel, int stride, int padding) {
    return configs.computeIfAbsent(
        kernel + "/" + stride + "/" + padding,
        key ->
            Conv2DConfig.builder()
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
                .build());
  }

  /**
   * BatchNorm over all but the channel axis, on the [M, C] matrix view of the NHWC tensor.
   *
   * <p>Per-channel sums and broadcasts are matrix products with a ones vector: ND4J M2.1 takes
   * several milliseconds to reduce a broadcast op's gradient over the rows (multiply_bp,
   * reduce_mean over axes 0-2, pow's derivative), where a GEMM with ones does the same reduction at
   * memory speed. The biased variance is E[x^2] - E[x]^2 (clamped at 0), as the simulator computes
   * it.
   */
  private SDVariable norm(String layer, SDVariable x, long... shape) {
    long count = shape[0] * shape[1] * shape[2];
    normLayers.add(layer);
    valuesPerChannel.put(layer, count);
    SDVariable gamma = param(layer + ".gamma");
    SDVariable beta = param(layer + ".beta");
    int channels = (int) shape[3];
    SDVariable matrix = sd.reshape(x, count, channels);
    SDVariable scale;
    SDVariable shift;
    if (options.mode() == Mode.TRAINING) {
      SDVariable onesRow = ones(1, count);
      SDVariable mean = sd.mmul(onesRow, matrix).mul(batchMean(layer), 1.0 / count);
      // matrix * matrix, not square: square's backward goes through ND4J's pow derivative, which
      // is several times slower than multiply_bp
      SDVariable meanSquare = sd.mmul(onesRow, matrix.mul(matrix)).mul(1.0 / count);
      SDVariable variance = sd.nn().relu(batchVar(layer), meanSquare.sub(mean.mul(mean)), 0.0);
      scale = sd.math().rsqrt(variance.add(EPSILON)).mul(gamma);
      shift = beta.sub(mean.mul(scale));
    } else {
      scale = sd.math().rsqrt(param(layer + ".var").add(EPSILON)).mul(gamma);
      shift = beta.sub(param(layer + ".mean").mul(scale));
      scale = sd.reshape(scale, 1, channels);
      shift = sd.reshape(shift, 1, channels);
    }
    SDVariable onesColumn = ones(count, 1);
    SDVariable normalised = matrix.mul(sd.mmul(onesColumn, scale)).add(sd.mmul(onesColumn, shift));
    return sd.reshape(normalised, shape);
  }

  /** A constant of ones, shared per shape. */
  private SDVariable ones(long rows, long columns) {
    return constants.computeIfAbsent(
        "ones." + rows + "x" + columns,
        name -> sd.constant(name, Nd4j.ones(dataType, rows, columns)));
  }

  private SDVariable clamp(SDVariable x, Clamp clamp) {
    return switch (clamp) {
      case NONE -> x;
      // x * (x > 0), not relu: ND4J's relu backward (thresholdedrelu_bp) is several times slower
      // than a multiply's; the comparison carries no gradient, so the gradient is the same
      case EXCITATORY -> x.mul(sd.gt(x, 0.0).castTo(dataType));
      case INHIBITORY -> new ScalarMin(sd, x, 0.0).outputVariable();
    };
  }

  /** The LIF layer over its sources' channel concatenation, unrolled over the T steps. */
  private SDVariable lif(SpikeGroup group) {
    List<Integer> sources = group.sources();
    boolean allInvariant = sources.stream().allMatch(s -> invariant[s]);
    List<SDVariable> inputs = new ArrayList<>();
    for (int source : sources) {
      SDVariable value = read(source);
      inputs.add(invariant[source] && !allInvariant ? expand(value) : value);
    }
    SDVariable current =
        inputs.size() == 1 ? inputs.get(0) : sd.concat(3, inputs.toArray(new SDVariable[0]));
    boolean detached =
        options.forward() == SurrogateSpike.Forward.HEAVISIDE
            && options.detachReset()
            && !options.referenceLif();
    if (detached) {
      // the detached form takes the input already divided by tau
      current = current.mul(1.0 / phenotype.spec().tau());
    }
    Shape shape = group.shape();
    SDVariable[] perStep;
    if (allInvariant) {
      perStep = new SDVariable[steps];
      java.util.Arrays.fill(perStep, current);
    } else if (steps == 1) {
      perStep = new SDVariable[] {current};
    } else {
      perStep =
          sd.unstack(
              sd.reshape(current, steps, samples, shape.height(), shape.width(), shape.channels()),
              0,
              steps);
    }
    SDVariable result = detached ? detachedLif(perStep) : referenceLif(perStep);
    String sum = "spikes." + group.id();
    sd.sum(sum, result);
    spikeSums.add(sum);
    neuronsPerSampleStep += shape.size();
    return result;
  }

  /**
   * The LIF with the Heaviside step forward and a detached reset, in few ops, given the input
   * currents divided by tau: only the membrane recurrence runs per step ({@code u = u * keep + I /
   * tau}, where keep = (1 - 1/tau)(1 - s) is a comparison cast to float, which carries no
   * gradient); the spikes and their surrogate gradient are computed once over all T steps. Equal in
   * value and gradient to {@link #referenceLif} with these options.
   *
   * <p>The spikes are {@code H(u) + (u - frozen(u)) g(u)}: {@code frozen(u)} is an exact copy of u
   * through an integer reinterpretation, which SameDiff does not differentiate, so the second term
   * is exactly 0 forward and its gradient is the gate g (also computed from the frozen copy, so the
   * gate's own ops get no backward pass). The backward pass of a layer is then a subtract and a
   * multiply, where the straight-through form {@code sg(u) - stopGradient(sg(u))} took about ten
   * full-size ops (hardtanh, abs, products, and the zeros stopGradient sends back).
   */
  private SDVariable detachedLif(SDVariable[] scaledCurrent) {
    double decay = 1.0 / phenotype.spec().tau();
    double threshold = phenotype.spec().threshold();
    double alpha = options.alpha();
    SDVariable[] membranes = new SDVariable[steps];
    SDVariable u = scaledCurrent[0];
    for (int t = 0; t < steps; t++) {
      membranes[t] = u;
      if (t + 1 < steps) {
        SDVariable keep = sd.lt(u, threshold).castTo(dataType).mul(1 - decay);
        u = u.mul(keep).add(scaledCurrent[t + 1]);
      }
    }
    SDVariable all = steps == 1 ? membranes[0] : sd.concat(0, membranes);
    SDVariable frozen = SurrogateSpike.frozenCopy(sd, all);
    SDVariable step = sd.gte(frozen, threshold).castTo(dataType);
    // g(x) = max(0, alpha - alpha^2 |x|) = alpha^2 max(0, 1/alpha - |x|)
    SDVariable gate =
        sd.nn()
            .relu(sd.math().abs(frozen.sub(threshold)).rsub(1.0 / alpha), 0.0)
            .mul(alpha * alpha);
    return step.add(all.sub(frozen).mul(gate));
  }

  /**
   * The LIF step by step, with every option: {@link SurrogateSpike#spikes} per step and the reset
   * {@code u - u s} with s detached or not (gradient checks use the smooth, attached form).
   */
  private SDVariable referenceLif(SDVariable[] current) {
    double decay = 1.0 / phenotype.spec().tau();
    double threshold = phenotype.spec().threshold();
    SDVariable[] out = new SDVariable[steps];
    SDVariable u = null;
    for (int t = 0; t < steps; t++) {
      u = u == null ? current[t].mul(decay) : u.add(current[t].sub(u).mul(decay));
      SurrogateSpike.Spikes s =
          SurrogateSpike.spikes(sd, u, threshold, options.alpha(), options.forward());
      out[t] = s.value();
      if (t + 1 < steps) {
        u = u.sub(u.mul(options.detachReset() ? s.detached() : s.value()));
      }
    }
    return steps == 1 ? out[0] : sd.concat(0, out);
  }

  /** The spikes of a group as a convolution reads them: all pixels or one stride-2 grid. */
  private SDVariable view(int group, PixelView view) {
    SDVariable all = spikes[group];
    if (view == PixelView.FULL) {
      return all;
    }
    return views.computeIfAbsent(
        group + "/" + view,
        key -> {
          long start = view == PixelView.EVEN ? 0 : 1;
          return sd.stridedSlice(
              all,
              new long[] {0, start, start, 0},
              new long[] {0, 0, 0, 0},
              new long[] {1, 2, 2, 1},
              0,
              0b1111,
              0,
              0,
              0);
        });
  }

  /** A node's current value; a node written in channel pieces is concatenated first. */
  private SDVariable read(int node) {
    TreeMap<Integer, SDVariable> parts = pieces.remove(node);
    if (parts != null) {
      values[node] = sd.concat(3, parts.values().toArray(new SDVariable[0]));
    }
    SDVariable value = values[node];
    if (value == null) {
      throw new IllegalStateException(
          "node " + phenotype.nodes().get(node).name() + " is read before it is written");
    }
    return value;
  }

  private void write(int target, int offset, int channels, SDVariable value, boolean overwrite) {
    int width = phenotype.nodes().get(target).shape().channels();
    if (offset == 0 && channels == width) {
      values[target] = overwrite || values[target] == null ? value : read(target).add(value);
      invariant[target] = false;
      return;
    }
    if (!overwrite) {
      throw new IllegalStateException(
          "a partial-channel write that adds is not supported (node "
              + phenotype.nodes().get(target).name()
              + ")");
    }
    pieces.computeIfAbsent(target, k -> new TreeMap<>()).put(offset, value);
    values[target] = null;
    invariant[target] = false;
  }

  /** A time-invariant [B, ...] value repeated for each of the T steps: [T * B, ...]. */
  private SDVariable expand(SDVariable value) {
    if (steps == 1) {
      return value;
    }
    SDVariable[] copies = new SDVariable[steps];
    java.util.Arrays.fill(copies, value);
    return sd.concat(0, copies);
  }

  private SDVariable zeros(Shape shape) {
    String key = shape.height() + "x" + shape.width() + "x" + shape.channels();
    return zeros.computeIfAbsent(
        key,
        k ->
            sd.constant(
                "zeros." + k,
                Nd4j.zeros(dataType, rows, shape.height(), shape.width(), shape.channels())));
  }

  /** LIF (already computed), global average pool, linear, mean over T; then the loss. */
  private void head() {
    int classes = phenotype.head().outFeatures();
    SDVariable pooled = sd.mean(spikes[phenotype.headSpikes()], 1, 2);
    SDVariable perStep = pooled.mmul(param("head.w")).add(param("head.b"));
    SDVariable logits = sd.mean(LOGITS, sd.reshape(perStep, steps, samples, classes), 0);
    SDVariable targets = sd.placeHolder(TARGETS, dataType, samples, classes);
    SDVariable logProbabilities = sd.nn().logSoftmax(logits);
    SDVariable perSample = sd.sum(targets.mul(logProbabilities), 1).neg();
    sd.mean(LOSS, perSample);
    sd.setLossVariables(LOSS);
  }
}

package io.msenas.worker.training;

import io.msenas.worker.data.DatasetId;
import io.msenas.worker.evaluation.Evaluator;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.SimulationMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training run of an architecture: surrogate-gradient BPTT with AdamW, a warm-up + cosine
 * schedule, label smoothing and optional drop-path (ALGORITHM section 6), one epoch at a time.
 *
 * <p>After every epoch the validation split is scored with BatchNorm in inference mode and the
 * best-scoring parameters are kept; {@link #finish()} restores them and scores the test split,
 * once. A {@link #checkpoint()} after any epoch resumes ({@link #resume}) to the same results as if
 * the run had not stopped: each epoch's shuffle and drop-path masks come from a generator seeded by
 * (seed, epoch), so the generator state is the seed and the epoch count.
 *
 * <p>Deterministic for given options, data and machine, to the extent ND4J's kernels are (they are
 * on the CPU backend with a fixed thread count). Not thread-safe; {@link #close()} frees native
 * memory.
 */
public final class TrainingRun implements AutoCloseable {

  private static final long EPOCH_STREAM = 0x9E3779B97F4A7C15L;

  private final Architecture architecture;
  private final Phenotype phenotype;
  private final TrainingData data;
  private final TrainingOptions options;
  private final ParameterSet parameters;
  private final AdamW optimizer;
  private final LearningRateSchedule schedule;
  private final List<EpochProgress> history;
  private ParameterSet best;
  private double bestValidationAccuracy;
  private int bestEpoch;
  private int epochsDone;
  private long elapsedNanos;
  private long stepNanos;
  private long samplesTrained;
  private boolean finished;
  private NetworkGraph trainingGraph;
  private StepMemory stepMemory;
  private InferenceModel inference;

  private TrainingRun(
      Architecture architecture,
      TrainingData data,
      TrainingOptions options,
      ParameterSet parameters,
      List<EpochProgress> history) {
    this.architecture = architecture;
    this.phenotype = architecture.phenotype();
    this.data = data;
    this.options = options;
    this.parameters = parameters;
    this.optimizer = AdamW.of(options);
    this.schedule = LearningRateSchedule.of(options);
    this.history = new ArrayList<>(history);
  }

  /** A fresh run: the fitness path's seeded initial weights ({@code options.weightSeed()}). */
  public static TrainingRun start(
      Architecture architecture, TrainingData data, TrainingOptions options) {
    Nd4jRuntime.initialise();
    // training needs the memory that fitness simulations keep for their next run
    SimulationMemory.shared().release();
    Objects.requireNonNull(options, "options");
    // before anything is allocated
    checkFits(architecture, data, options);
    return new TrainingRun(
        architecture,
        data,
        options,
        ParameterSet.initialise(architecture.phenotype(), options.weightSeed()),
        List.of());
  }

  /**
   * Continues the run saved in {@code checkpoint} on {@code data} (the same data set it was saved
   * on).
   *
   * @throws IllegalArgumentException if the checkpoint was taken on another data set, or is damaged
   *     (its tensors or optimizer state cannot be read, or do not fit the architecture)
   */
  public static TrainingRun resume(Checkpoint checkpoint, TrainingData data) {
    Nd4jRuntime.initialise();
    SimulationMemory.shared().release();
    return resume(checkpoint.state(), data);
  }

  /**
   * Continues the run of a decoded checkpoint; takes over its tensors, and closes them if it
   * throws.
   */
  static TrainingRun resume(Checkpoint.State state, TrainingData data) {
    boolean resumed = false;
    try {
      if (!state.header().dataset().equals(data.name())) {
        throw new IllegalArgumentException(
            "checkpoint was taken on data set '"
                + state.header().dataset()
                + "', not '"
                + data.name()
                + "'");
      }
      checkFits(state.header().architecture(), data, state.header().options());
      TrainingRun run =
          new TrainingRun(
              state.header().architecture(),
              data,
              state.header().options(),
              state.parameters(),
              state.header().history());
      try (ParameterSet expected = ParameterSet.initialise(run.phenotype, 0)) {
        expected.requireSameLayout(state.parameters());
      }
      run.best = state.best();
      run.bestValidationAccuracy = state.header().bestValidationAccuracy();
      run.bestEpoch = state.header().bestEpoch();
      run.epochsDone = state.header().epochsDone();
      run.elapsedNanos = state.header().elapsedNanos();
      state.restoreOptimizer(run.optimizer);
      resumed = true;
      return run;
    } finally {
      if (!resumed) {
        state.parameters().close();
        if (state.best() != null) {
          state.best().close();
        }
      }
    }
  }

  private static void checkFits(
      Architecture architecture, TrainingData data, TrainingOptions options) {
    var spec = architecture.spec();
    InputShape shape = data.shape();
    if (shape.height() != spec.inputSize()
        || shape.width() != spec.inputSize()
        || shape.channels() != spec.inputChannels()) {
      throw new IllegalArgumentException(
          "data set '"
              + data.name()
              + "' has samples of "
              + shape
              + " but the network takes "
              + spec.inputSize()
              + "x"
              + spec.inputSize()
              + "x"
              + spec.inputChannels());
    }
    if (shape.perStepFrames() && shape.frames() != spec.timeSteps()) {
      throw new IllegalArgumentException(
          "data set has " + shape.frames() + " frames per sample but T = " + spec.timeSteps());
    }
    if (data.classes() != spec.classes()) {
      throw new IllegalArgumentException(
          "data set has " + data.classes() + " classes but the network " + spec.classes());
    }
    if (data.train().size() < options.batchSize()) {
      throw new IllegalArgumentException(
          "the training split has "
              + data.train().size()
              + " samples, fewer than one batch of "
              + options.batchSize());
    }
    // an empty split would score 0 accuracy, silently
    requireSamples(data, "validation", data.validation());
    requireSamples(data, "test", data.test());
  }

  private static void requireSamples(TrainingData data, String split, SampleSet samples) {
    if (samples.size() == 0) {
      throw new IllegalArgumentException(
          "data set '"
              + data.name()
              + "' has an empty "
              + split
              + " split"
              + DatasetId.find(data.name())
                  .map(id -> " (split rule: " + id.splitRule() + ")")
                  .orElse("")
              + "; it needs more samples");
    }
  }

  public Architecture architecture() {
    return architecture;
  }

  public TrainingOptions options() {
    return options;
  }

  /** Epochs completed. */
  public int epochsDone() {
    return epochsDone;
  }

  /** Progress of every epoch completed so far (across resumes). */
  public List<EpochProgress> history() {
    return List.copyOf(history);
  }

  /**
   * Wall time spent in training steps (forward, backward, update) by this object, validation
   * excluded; not carried over by checkpoints.
   */
  public Duration trainingStepTime() {
    return Duration.ofNanos(stepNanos);
  }

  /** Training samples stepped through by this object (not carried over by checkpoints). */
  public long samplesTrained() {
    return samplesTrained;
  }

  /** Trainable parameter count. */
  public long parameterCount() {
    return parameters.size();
  }

  /**
   * Trains one epoch and scores the validation split.
   *
   * @throws TrainingDivergedException if the loss of a step is NaN or infinite
   * @throws IllegalStateException if every epoch has run
   */
  public EpochProgress runEpoch() {
    if (epochsDone >= options.epochs() || finished) {
      throw new IllegalStateException(
          "all " + options.epochs() + " epochs have run; call finish() for the result");
    }
    NetworkGraph graph = trainingGraph();
    long start = System.nanoTime();
    int epoch = epochsDone;
    int batch = options.batchSize();
    int classes = phenotype.head().outFeatures();
    SampleSet train = data.train();
    SplittableRandom random = new SplittableRandom(options.seed() ^ (epoch + 1) * EPOCH_STREAM);
    int[] order = permutation(train.size(), random);
    int batches = train.size() / batch;
    double dropPath = options.dropPathMax() * epoch / options.epochs();
    BatchAssembler assembler = new BatchAssembler(data.shape(), batch);
    List<String> outputs = new ArrayList<>(List.of(NetworkGraph.LOSS, NetworkGraph.LOGITS));
    for (String layer : graph.normLayers()) {
      outputs.add(NetworkGraph.batchMean(layer));
      outputs.add(NetworkGraph.batchVar(layer));
    }
    outputs.addAll(graph.spikeSums());
    List<String> trainable = List.copyOf(parameters.trainableNames());
    double lossSum = 0;
    double spikes = 0;
    int correct = 0;
    double learningRate = 0;
    for (int i = 0; i < batches; i++) {
      int from = i * batch;
      Map<String, INDArray> feed = new HashMap<>();
      feed.put(
          NetworkGraph.INPUT,
          assembler.input(train, order, from, batch, data.augmentation(), random));
      feed.put(
          NetworkGraph.TARGETS,
          BatchAssembler.targets(
              train, order, from, batch, batch, classes, options.labelSmoothing()));
      if (graph.dropPathEdges() > 0) {
        feed.put(NetworkGraph.DROP_PATH, dropPathMasks(graph, dropPath, random));
      }
      OutAndGrad result = graph.sameDiff().calculateGradientsAndOutputs(feed, outputs, trainable);
      Map<String, INDArray> out = result.getOutputs();
      double loss = out.get(NetworkGraph.LOSS).getDouble(0);
      if (!Double.isFinite(loss)) {
        throw new TrainingDivergedException(epoch + 1, i + 1, loss);
      }
      learningRate = schedule.at(epoch + (double) i / batches);
      optimizer.step(parameters.trainableMap(), result.getGradients(), learningRate);
      updateRunningStatistics(graph, out);
      lossSum += loss;
      correct += correctCount(out.get(NetworkGraph.LOGITS), train, order, from, batch, classes);
      for (String sum : graph.spikeSums()) {
        spikes += out.get(sum).getDouble(0);
      }
      feed.values().forEach(INDArray::close);
      stepMemory.recycle();
    }
    stepNanos += System.nanoTime() - start;
    samplesTrained += (long) batches * batch;
    double validation = inference().accuracy(data.validation());
    if (best == null || validation > bestValidationAccuracy) {
      if (best == null) {
        best = parameters.copy();
      } else {
        best.assignFrom(parameters);
      }
      bestValidationAccuracy = validation;
      bestEpoch = epoch + 1;
    }
    epochsDone++;
    elapsedNanos += System.nanoTime() - start;
    long samples = (long) batches * batch;
    EpochProgress progress =
        new EpochProgress(
            epoch + 1,
            options.epochs(),
            lossSum / batches,
            (double) correct / samples,
            validation,
            spikes
                / ((double) samples * phenotype.spec().timeSteps() * graph.neuronsPerSampleStep()),
            learningRate,
            Duration.ofNanos(elapsedNanos),
            Duration.ofNanos(elapsedNanos / epochsDone * (options.epochs() - epochsDone)),
            bestValidationAccuracy,
            bestEpoch);
    history.add(progress);
    return progress;
  }

  /**
   * Runs the remaining epochs, then {@link #finish()}es.
   *
   * @param listener told after each epoch
   * @param checkpoints given a checkpoint after each epoch (e.g. to save it); may ignore it
   */
  public TrainingResult runToEnd(ProgressListener listener, Consumer<Checkpoint> checkpoints) {
    while (epochsDone < options.epochs()) {
      listener.onEpoch(runEpoch());
      checkpoints.accept(checkpoint());
    }
    return finish();
  }

  /**
   * Restores the best-validation parameters, scores the test split (the only time this run looks at
   * it) and returns the trained model.
   *
   * @throws IllegalStateException before the first epoch, or when called twice
   */
  public TrainingResult finish() {
    if (best == null) {
      throw new IllegalStateException("no epoch has run");
    }
    if (finished) {
      throw new IllegalStateException("the run has already been finished");
    }
    finished = true;
    parameters.assignFrom(best);
    double test = inference().accuracy(data.test());
    Nd4jRuntime.Info info = Nd4jRuntime.initialise();
    ModelProvenance provenance =
        new ModelProvenance(
            new io.msenas.model.message.Provenance(
                Evaluator.ENGINE_VERSION,
                options.seed(),
                info.backend(),
                info.nativeVariant().classifier(),
                info.blasCoreType(),
                info.host()),
            data.name(),
            options,
            epochsDone,
            bestEpoch,
            bestValidationAccuracy,
            test,
            Instant.now(),
            Duration.ofNanos(elapsedNanos));
    TrainedModel model = new TrainedModel(architecture, parameters.copy(), provenance);
    return new TrainingResult(model, history(), bestValidationAccuracy, bestEpoch, test);
  }

  /** The run's state after the last completed epoch. */
  public Checkpoint checkpoint() {
    Checkpoint.Header header =
        new Checkpoint.Header(
            architecture,
            options,
            data.name(),
            epochsDone,
            bestEpoch,
            bestValidationAccuracy,
            elapsedNanos,
            history);
    return Checkpoint.of(header, parameters, best, optimizer);
  }

  private NetworkGraph trainingGraph() {
    if (trainingGraph == null) {
      trainingGraph =
          NetworkGraph.build(
              phenotype,
              parameters,
              options.batchSize(),
              data.shape().perStepFrames(),
              new NetworkGraph.Options(
                  NetworkGraph.Mode.TRAINING,
                  SurrogateSpike.Forward.HEAVISIDE,
                  options.surrogateAlpha(),
                  options.detachReset(),
                  options.dropPathMax() > 0));
      // the backward graph is built on first use; build it now, outside the timed steps
      trainingGraph.sameDiff().createGradFunction();
      stepMemory = StepMemory.install(trainingGraph.sameDiff().getFunction("grad"));
    }
    return trainingGraph;
  }

  /**
   * The inference model of this run. Once a training step has run, it shares the step's memory and
   * scores in batches of the training batch size, so that its arrays (a forward pass's, the same
   * shapes) come from the step's pool: a second pool for a big network's validation pass outgrew 12
   * GB.
   */
  private InferenceModel inference() {
    if (inference == null) {
      int batch =
          stepMemory == null
              ? Math.min(options.evaluationBatchSize(), data.validation().size())
              : options.batchSize();
      inference = new InferenceModel(phenotype, parameters, data.shape(), batch, stepMemory);
    }
    return inference;
  }

  /** Running mean and (unbiased) variance, PyTorch's convention: r = (1 - m) r + m x. */
  private void updateRunningStatistics(NetworkGraph graph, Map<String, INDArray> out) {
    double momentum = options.batchNormMomentum();
    for (String layer : graph.normLayers()) {
      INDArray mean = parameters.statistic(layer + ".mean");
      INDArray variance = parameters.statistic(layer + ".var");
      long count = graph.valuesPerChannel(layer);
      double unbias = count > 1 ? (double) count / (count - 1) : 1;
      INDArray batchMean = out.get(NetworkGraph.batchMean(layer)).reshape(mean.shape());
      INDArray batchVar = out.get(NetworkGraph.batchVar(layer)).reshape(variance.shape());
      mean.muli(1 - momentum).addi(batchMean.mul(momentum));
      variance.muli(1 - momentum).addi(batchVar.mul(momentum * unbias));
    }
  }

  private static int correctCount(
      INDArray logits, SampleSet set, int[] order, int from, int count, int classes) {
    float[] values = logits.dup('c').data().asFloat();
    int correct = 0;
    for (int b = 0; b < count; b++) {
      if (InferenceModel.argmax(values, b * classes, classes) == set.label(order[from + b])) {
        correct++;
      }
    }
    return correct;
  }

  /** Per edge and sample, 0 with probability p, else 1 / (1 - p); the same for all T steps. */
  private INDArray dropPathMasks(NetworkGraph graph, double p, SplittableRandom random) {
    int edges = graph.dropPathEdges();
    int samples = graph.samples();
    int steps = phenotype.spec().timeSteps();
    float[] masks = new float[edges * steps * samples];
    float keep = (float) (1 / (1 - p));
    for (int e = 0; e < edges; e++) {
      for (int b = 0; b < samples; b++) {
        float value = random.nextDouble() < p ? 0f : keep;
        for (int t = 0; t < steps; t++) {
          masks[(e * steps + t) * samples + b] = value;
        }
      }
    }
    return Nd4j.create(masks, new long[] {edges, (long) steps * samples, 1, 1, 1}, DataType.FLOAT);
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  @Override
  public void close() {
    if (stepMemory != null) {
      stepMemory.close();
    }
    if (inference != null) {
      inference.close();
    }
    parameters.close();
    if (best != null) {
      best.close();
    }
  }
}

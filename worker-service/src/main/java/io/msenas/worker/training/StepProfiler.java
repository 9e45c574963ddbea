package io.msenas.worker.training;

import io.msenas.worker.runtime.Nd4jRuntime;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Where a training step's time goes: runs training steps of an architecture (forward, backward, no
 * update) on the first batches of a data set and prints the time per step and per op type, slowest
 * first. The first step (graph set-up and first allocations) is not counted. A development tool:
 * ND4J's op-level costs decided how {@link NetworkGraph} builds its layers.
 */
public final class StepProfiler {

  private StepProfiler() {}

  /** Profiles {@code steps} training steps (plus one uncounted) of {@code batch} samples. */
  public static void profile(
      Architecture architecture, TrainingData data, int batch, int steps, PrintStream out) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, was " + steps);
    }
    Nd4jRuntime.initialise();
    var phenotype = architecture.phenotype();
    try (ParameterSet parameters = ParameterSet.initialise(phenotype, 1);
        StepMemory memory = new StepMemory()) {
      NetworkGraph graph =
          NetworkGraph.build(
              phenotype,
              parameters,
              batch,
              data.shape().perStepFrames(),
              NetworkGraph.Options.training(false));
      SameDiff sd = graph.sameDiff();
      sd.createGradFunction();
      memory.attach(sd.getFunction("grad"));
      Map<String, long[]> perOp = new HashMap<>();
      OpTimer timer = new OpTimer(perOp);
      sd.setListeners(timer);
      List<String> trainable = List.copyOf(parameters.trainableNames());
      BatchAssembler assembler = new BatchAssembler(data.shape(), batch);
      int[] order = new int[data.train().size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      int classes = phenotype.head().outFeatures();
      long counted = 0;
      for (int step = 0; step <= steps; step++) {
        int from = (step * batch) % (order.length - batch + 1);
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(
            NetworkGraph.INPUT,
            assembler.input(
                data.train(), order, from, batch, SampleTransform.NONE, new SplittableRandom(1)));
        feed.put(
            NetworkGraph.TARGETS,
            BatchAssembler.targets(data.train(), order, from, batch, batch, classes, 0.1));
        timer.counting = step > 0;
        long start = System.nanoTime();
        sd.calculateGradientsAndOutputs(feed, List.of(NetworkGraph.LOSS), trainable);
        long nanos = System.nanoTime() - start;
        if (step > 0) {
          counted += nanos;
        }
        out.printf(Locale.ROOT, "step %d: %.1f ms%n", step, nanos / 1e6);
        feed.values().forEach(INDArray::close);
        memory.recycle();
      }
      long opNanos = perOp.values().stream().mapToLong(v -> v[0]).sum();
      out.printf(
          Locale.ROOT,
          "mean step %.1f ms (batch %d), in ops %.1f ms, pooled %.2f GB%n",
          counted / 1e6 / steps,
          batch,
          opNanos / 1e6 / steps,
          memory.pooledBytes() / 1e9);
      List<Map.Entry<String, long[]>> rows = new ArrayList<>(perOp.entrySet());
      rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
      for (var row : rows) {
        out.printf(
            Locale.ROOT,
            "  %-28s %8.1f ms/step %6d calls/step%n",
            row.getKey(),
            row.getValue()[0] / 1e6 / steps,
            row.getValue()[1] / steps);
      }
    }
  }

  /** Sums the time of each op type between SameDiff's before- and after-op callbacks. */
  private static final class OpTimer extends BaseListener {
    private final Map<String, long[]> perOp;
    private long opStart;
    boolean counting;

    OpTimer(Map<String, long[]> perOp) {
      this.perOp = perOp;
    }

    @Override
    public boolean isActive(Operation operation) {
      return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext context) {
      opStart = System.nanoTime();
    }

    @Override
    public void opExecution(
        SameDiff sd,
        At at,
        MultiDataSet batch,
        SameDiffOp op,
        OpContext context,
        INDArray[] outputs) {
      if (counting) {
        long[] sum = perOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        sum[0] += System.nanoTime() - opStart;
        sum[1]++;
      }
    }
  }
}

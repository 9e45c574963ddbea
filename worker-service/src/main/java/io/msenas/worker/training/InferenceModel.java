package io.msenas.worker.training;

import io.msenas.worker.network.Phenotype;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A phenotype with parameters, evaluated with BatchNorm in inference mode (running statistics): the
 * graph is built once for a fixed batch, the last partial batch is padded with zeros (samples are
 * independent in inference mode, so padding changes nothing). Not thread-safe.
 */
final class InferenceModel {

  private final NetworkGraph graph;
  private final BatchAssembler assembler;
  private final int classes;

  /**
   * Every intermediate array of one batch is recycled for the next (see {@link StepMemory}): left
   * to the garbage collector, a big network's validation pass grew past 12 GB resident.
   */
  private final StepMemory memory;

  private final boolean ownsMemory;

  InferenceModel(Phenotype phenotype, ParameterSet parameters, InputShape shape, int batch) {
    this(phenotype, parameters, shape, batch, null);
  }

  /**
   * @param shared the memory of the training run this model scores for (its buffers are reused), or
   *     null for its own
   */
  InferenceModel(
      Phenotype phenotype,
      ParameterSet parameters,
      InputShape shape,
      int batch,
      StepMemory shared) {
    this.graph =
        NetworkGraph.build(
            phenotype, parameters, batch, shape.perStepFrames(), NetworkGraph.Options.inference());
    this.assembler = new BatchAssembler(shape, batch);
    this.classes = phenotype.head().outFeatures();
    this.ownsMemory = shared == null;
    this.memory =
        ownsMemory ? StepMemory.install(graph.sameDiff()) : shared.attach(graph.sameDiff());
  }

  /** Frees the recycled arrays (of its own memory; a shared one is its owner's to free). */
  void close() {
    if (ownsMemory) {
      memory.close();
    }
  }

  /** Fraction of {@code set} classified correctly (argmax of the time-averaged logits). */
  double accuracy(SampleSet set) {
    float[] logits = logits(set);
    int correct = 0;
    for (int i = 0; i < set.size(); i++) {
      if (argmax(logits, i * classes, classes) == set.label(i)) {
        correct++;
      }
    }
    return set.size() == 0 ? 0 : (double) correct / set.size();
  }

  /** Logits of every sample of {@code set}, [size][classes] row-major. */
  float[] logits(SampleSet set) {
    int n = set.size();
    int batch = graph.samples();
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    float[] all = new float[n * classes];
    SplittableRandom unused = new SplittableRandom(0);
    for (int from = 0; from < n; from += batch) {
      int count = Math.min(batch, n - from);
      INDArray input = assembler.input(set, indices, from, count, SampleTransform.NONE, unused);
      INDArray logits =
          graph
              .sameDiff()
              .output(Map.of(NetworkGraph.INPUT, input), NetworkGraph.LOGITS)
              .get(NetworkGraph.LOGITS);
      float[] values = logits.dup('c').data().asFloat();
      System.arraycopy(values, 0, all, from * classes, count * classes);
      input.close();
      memory.recycle();
    }
    return all;
  }

  static int argmax(float[] values, int offset, int length) {
    int best = 0;
    for (int k = 1; k < length; k++) {
      if (values[offset + k] > values[offset + best]) {
        best = k;
      }
    }
    return best;
  }
}

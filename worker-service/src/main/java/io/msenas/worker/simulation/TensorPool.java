package io.msenas.worker.simulation;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses native float tensors by shape within one simulation: most convolutions of a cell have the
 * same output shape, and a fresh 16 MB native allocation per convolution costs more than the reuse.
 * Contents of a borrowed tensor are undefined. Not thread-safe.
 */
final class TensorPool implements AutoCloseable {

  private final Map<List<Long>, ArrayDeque<INDArray>> free = new HashMap<>();

  INDArray borrow(long... shape) {
    ArrayDeque<INDArray> queue = free.get(key(shape));
    if (queue != null && !queue.isEmpty()) {
      return queue.pop();
    }
    return Nd4j.createUninitialized(DataType.FLOAT, shape);
  }

  void giveBack(INDArray array) {
    free.computeIfAbsent(key(array.shape()), k -> new ArrayDeque<>()).push(array);
  }

  private static List<Long> key(long[] shape) {
    return Arrays.stream(shape).boxed().toList();
  }

  @Override
  public void close() {
    free.values().forEach(q -> q.forEach(INDArray::close));
    free.clear();
  }
}

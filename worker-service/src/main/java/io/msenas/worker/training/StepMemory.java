package io.msenas.worker.training;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Array memory for a SameDiff session that recycles every array of one training step in the next.
 *
 * <p>Why: ND4J 1.0.0-M2.1's gradient session never releases its intermediate arrays to the
 * session's memory manager; they are freed only when the garbage collector finds them. Each step
 * then allocates hundreds of fresh arrays, and on these machines fresh native memory costs more
 * than the arithmetic done in it (page faults and zeroing: about 4 ms per 6 MB array, against 0.4
 * ms for an in-place add over it), while the resident size grows until the collector runs (the
 * default manager's cache may take 90% of the JVM's maximum on top). This manager hands out buffers
 * from a pool keyed by type and length and takes back, at {@link #recycle()}, every buffer it
 * handed out since the last call: so after the first step a step allocates nothing, and the
 * footprint is one step's arrays.
 *
 * <p>Contract: call {@link #recycle()} only when no array the session returned (outputs, gradients)
 * is still in use. Arrays the session marks as detached (returned to the caller beyond the step)
 * and small arrays are allocated normally. Not thread-safe: one session, one thread.
 */
final class StepMemory extends AbstractMemoryMgr {

  /** Below this many elements pooling is not worth a map look-up. */
  private static final long SMALL = 1024;

  private final Map<Long, ArrayDeque<DataBuffer>> free = new HashMap<>();
  private final List<DataBuffer> handedOut = new ArrayList<>();
  private long pooledBytes;

  /**
   * Installs a new manager as the session memory of {@code sd} for the calling thread, and returns
   * it.
   */
  static StepMemory install(SameDiff sd) {
    return new StepMemory().attach(sd);
  }

  /**
   * Installs this manager as the session memory of {@code sd} too (for the calling thread): a
   * training run's inference passes then reuse its training steps' buffers instead of growing a
   * second pool.
   */
  StepMemory attach(SameDiff sd) {
    InferenceSession session = new InferenceSession(sd);
    session.setMmgr(this);
    sd.getSessions().put(Thread.currentThread().getId(), session);
    return this;
  }

  @Override
  public INDArray allocate(boolean detached, DataType dataType, long... shape) {
    long length = 1;
    for (long d : shape) {
      length *= d;
    }
    if (detached || length < SMALL) {
      return Nd4j.createUninitialized(dataType, shape);
    }
    long key = length * DataType.values().length + dataType.ordinal();
    ArrayDeque<DataBuffer> pool = free.get(key);
    DataBuffer buffer = pool == null ? null : pool.poll();
    INDArray array;
    if (buffer == null) {
      array = Nd4j.createUninitialized(dataType, shape);
      pooledBytes += length * dataType.width();
    } else {
      array = Nd4j.create(buffer, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', dataType);
    }
    handedOut.add(array.data());
    return array;
  }

  @Override
  public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
    return allocate(detached, descriptor.dataType(), descriptor.getShape());
  }

  /** Ignored: buffers come back all at once, at {@link #recycle()}. */
  @Override
  public void release(INDArray array) {
    // a released array may still back another array of this step; it is recycled with them
  }

  /** Makes every buffer handed out since the last call available again. */
  void recycle() {
    for (DataBuffer buffer : handedOut) {
      long key = buffer.length() * DataType.values().length + buffer.dataType().ordinal();
      free.computeIfAbsent(key, k -> new ArrayDeque<>()).push(buffer);
    }
    handedOut.clear();
  }

  /** Bytes of native memory the pool holds. */
  long pooledBytes() {
    return pooledBytes;
  }

  @Override
  public void close() {
    recycle();
    free.values().forEach(pool -> pool.forEach(DataBuffer::close));
    free.clear();
  }
}

package io.msenas.worker.simulation;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The large buffers simulations borrow (native tensors for the convolutions, heap arrays for the
 * stem's values), kept for the next simulation.
 *
 * <p>Why: an evaluation needs tens of 4-50 MB buffers. Allocated fresh, every page of them is
 * faulted in and zeroed by the kernel again (about 10,000-20,000 page faults per quick-preset
 * evaluation on this project's machines, about 8% of its time). Simulations of one search share a
 * few shapes, so a buffer given back is usually the next one borrowed.
 *
 * <p>Buffers in use are the borrower's; given-back buffers are kept up to {@link #retainedLimit()}
 * bytes after each simulation ({@link #trim()}), and {@link #release()} frees them all (training
 * calls it first: it needs the memory; so does a borrow that runs out of memory, before it tries
 * again). Contents of a borrowed buffer are undefined. Thread-safe: one instance, {@link
 * #shared()}, serves every simulation of the process.
 *
 * <p>It also keeps the stem's LIF layers between simulations ({@link StemSpikes}, {@link
 * #stemSpikes}), in at most half of the limit and counted as retained.
 */
public final class SimulationMemory {

  /** System property: bytes kept between simulations; default {@link #DEFAULT_RETAINED_LIMIT}. */
  public static final String RETAINED_LIMIT_PROPERTY = "msenas.simulation.retainedBytes";

  /** 1 GiB: more than a quick-preset evaluation borrows in all. */
  public static final long DEFAULT_RETAINED_LIMIT = 1L << 30;

  /** Made on first use ({@link #shared}): a bad limit property must not fail class loading. */
  private static SimulationMemory shared;

  private final long retainedLimit;
  private final Map<List<Long>, ArrayDeque<INDArray>> tensors = new HashMap<>();
  private final Map<Integer, ArrayDeque<float[]>> arrays = new HashMap<>();

  /** The stem layers' spikes kept ({@link StemSpikes}), least recently used first. */
  private final LinkedHashMap<StemSpikes.Key, StemSpikes> stems =
      new LinkedHashMap<>(8, 0.75f, true);

  private long retainedBytes;
  private long stemBytes;
  private long borrowedBytes;
  private long peakBorrowedBytes;

  /**
   * @param retainedLimit bytes of given-back buffers {@link #trim()} keeps; 0 keeps none
   */
  public SimulationMemory(long retainedLimit) {
    if (retainedLimit < 0) {
      throw new IllegalArgumentException("retainedLimit must be >= 0, was " + retainedLimit);
    }
    this.retainedLimit = retainedLimit;
  }

  /**
   * The process's instance, made on first use with the limit of {@value #RETAINED_LIMIT_PROPERTY}.
   *
   * @throws IllegalArgumentException naming the property and its value if that is not a number of
   *     bytes {@code >= 0} (a worker checks it when it starts: {@link #limitFromProperty()})
   */
  public static synchronized SimulationMemory shared() {
    if (shared == null) {
      shared = new SimulationMemory(limitFromProperty());
    }
    return shared;
  }

  /**
   * The limit system property {@value #RETAINED_LIMIT_PROPERTY} asks for now: {@link
   * #DEFAULT_RETAINED_LIMIT} when it is unset or blank.
   *
   * @throws IllegalArgumentException naming the property and its value if that is not a number of
   *     bytes {@code >= 0}
   */
  public static long limitFromProperty() {
    return limitOf(System.getProperty(RETAINED_LIMIT_PROPERTY));
  }

  static long limitOf(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_RETAINED_LIMIT;
    }
    try {
      long limit = Long.parseLong(value.trim());
      if (limit >= 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        RETAINED_LIMIT_PROPERTY + " must be a number of bytes >= 0, was '" + value + "'");
  }

  public long retainedLimit() {
    return retainedLimit;
  }

  /**
   * Bytes of given-back buffers and kept stem layers held now (a stem layer evicted while a
   * simulation still reads it counts in neither this nor {@link #borrowedBytes()} until it ends).
   */
  public synchronized long retainedBytes() {
    return retainedBytes;
  }

  /** Bytes of buffers borrowed and not given back yet. */
  public synchronized long borrowedBytes() {
    return borrowedBytes;
  }

  /** The most bytes borrowed at once since the last {@link #resetPeak()}. */
  public synchronized long peakBorrowedBytes() {
    return peakBorrowedBytes;
  }

  /** Starts a new peak from the bytes borrowed now. */
  public synchronized void resetPeak() {
    peakBorrowedBytes = borrowedBytes;
  }

  private void borrowed(long bytes) {
    borrowedBytes += bytes;
    peakBorrowedBytes = Math.max(peakBorrowedBytes, borrowedBytes);
  }

  /** A float tensor of this shape, C order, with undefined contents. */
  synchronized INDArray borrowTensor(long... shape) {
    long bytes = 4L * Arrays.stream(shape).reduce(1, Math::multiplyExact);
    ArrayDeque<INDArray> queue = tensors.get(key(shape));
    INDArray tensor;
    if (queue != null && !queue.isEmpty()) {
      tensor = queue.pop();
      retainedBytes -= bytes(tensor);
    } else {
      try {
        tensor = Nd4j.createUninitialized(DataType.FLOAT, shape);
      } catch (OutOfMemoryError e) {
        // the kept buffers may be what is missing: free them and try once more
        release();
        tensor = Nd4j.createUninitialized(DataType.FLOAT, shape);
      }
    }
    // counted once it exists: a failed allocation borrows nothing
    borrowed(bytes);
    return tensor;
  }

  synchronized void giveBack(INDArray tensor) {
    borrowedBytes -= bytes(tensor);
    tensors.computeIfAbsent(key(tensor.shape()), k -> new ArrayDeque<>()).push(tensor);
    retainedBytes += bytes(tensor);
  }

  /** A heap array of this length with undefined contents. */
  synchronized float[] borrowArray(int length) {
    ArrayDeque<float[]> queue = arrays.get(length);
    float[] array;
    if (queue != null && !queue.isEmpty()) {
      array = queue.pop();
      retainedBytes -= 4L * length;
    } else {
      try {
        array = new float[length];
      } catch (OutOfMemoryError e) {
        release();
        array = new float[length];
      }
    }
    borrowed(4L * length);
    return array;
  }

  synchronized void giveBack(float[] array) {
    borrowedBytes -= 4L * array.length;
    arrays.computeIfAbsent(array.length, k -> new ArrayDeque<>()).push(array);
    retainedBytes += 4L * array.length;
  }

  /** Stem layers kept at most: a search's fitness batches (two by default), with room to spare. */
  static final int STEM_ENTRIES = 4;

  /**
   * The stem layer's spikes kept for {@code key}, acquired (give it back with {@link
   * #release(StemSpikes)}), or null.
   */
  synchronized StemSpikes stemSpikes(StemSpikes.Key key) {
    StemSpikes entry = stems.get(key);
    if (entry != null) {
      entry.acquire();
    }
    return entry;
  }

  /**
   * Keeps a stem layer's spikes: {@code views}, borrowed from this pool, become the entry's (they
   * no longer count as borrowed, but as retained), replacing an entry for the same key, and older
   * entries go until the kept layers hold at most half of {@link #retainedLimit()}. Returns the
   * entry, acquired; or null, the views still the caller's, where the layer alone is larger than
   * that (the paper preset's: over 1 GB). Why half: the buffers kept for reuse save more of an
   * evaluation's time per byte than a kept layer does (page faults, docs/engine.md).
   */
  synchronized StemSpikes keepStemSpikes(
      StemSpikes.Key key, INDArray[] views, SpikeRaster raster, long spikeCount) {
    StemSpikes entry = new StemSpikes(key, views, raster, spikeCount);
    if (entry.bytes() > retainedLimit / 2) {
      return null;
    }
    for (INDArray view : views) {
      if (view != null) {
        borrowedBytes -= bytes(view);
      }
    }
    StemSpikes replaced = stems.remove(key);
    if (replaced != null) {
      retainedBytes -= replaced.bytes();
      stemBytes -= replaced.bytes();
      replaced.evict();
    }
    entry.acquire();
    stems.put(key, entry);
    retainedBytes += entry.bytes();
    stemBytes += entry.bytes();
    // the new entry is the most recently used: the others go first, and it alone fits
    while (stems.size() > STEM_ENTRIES || stemBytes > retainedLimit / 2) {
      evictEldestStem();
    }
    return entry;
  }

  /** Ends a simulation's use of a stem entry. */
  synchronized void release(StemSpikes entry) {
    entry.release();
  }

  /** How many stem layers are kept. */
  synchronized int stemEntries() {
    return stems.size();
  }

  /** Bytes the kept stem layers hold (part of {@link #retainedBytes()}). */
  public synchronized long stemBytes() {
    return stemBytes;
  }

  private void evictEldestStem() {
    Iterator<StemSpikes> it = stems.values().iterator();
    StemSpikes eldest = it.next();
    it.remove();
    retainedBytes -= eldest.bytes();
    stemBytes -= eldest.bytes();
    eldest.evict();
  }

  /** Frees given-back buffers until at most {@link #retainedLimit()} bytes are held. */
  public synchronized void trim() {
    freeDownTo(retainedLimit);
  }

  /** Frees every given-back buffer and every stem layer kept. */
  public synchronized void release() {
    freeDownTo(0);
  }

  private void freeDownTo(long limit) {
    for (Iterator<ArrayDeque<INDArray>> it = tensors.values().iterator();
        it.hasNext() && retainedBytes > limit; ) {
      ArrayDeque<INDArray> queue = it.next();
      while (!queue.isEmpty() && retainedBytes > limit) {
        INDArray tensor = queue.pop();
        retainedBytes -= bytes(tensor);
        tensor.close();
      }
      if (queue.isEmpty()) {
        it.remove();
      }
    }
    for (Iterator<ArrayDeque<float[]>> it = arrays.values().iterator();
        it.hasNext() && retainedBytes > limit; ) {
      ArrayDeque<float[]> queue = it.next();
      while (!queue.isEmpty() && retainedBytes > limit) {
        retainedBytes -= 4L * queue.pop().length;
      }
      if (queue.isEmpty()) {
        it.remove();
      }
    }
    // the stem layers last: each saves a whole layer of every later simulation
    while (!stems.isEmpty() && retainedBytes > limit) {
      evictEldestStem();
    }
  }

  private static long bytes(INDArray tensor) {
    return 4L * tensor.length();
  }

  private static List<Long> key(long[] shape) {
    return Arrays.stream(shape).boxed().toList();
  }
}

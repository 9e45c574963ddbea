package io.msenas.worker.simulation;

import java.util.stream.IntStream;

/**
 * Splits loops over the cores. The neuron loops are memory-bound; two cores move about twice the
 * bytes of one, and the natives sit idle while the Java loops run.
 */
final class Parallel {

  /** Worker threads for element loops: every core (the caller runs one chunk itself). */
  static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private Parallel() {}

  /** A body over the half-open range [from, to) of chunk {@code chunk}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int chunk, int from, int to);
  }

  /**
   * Runs {@code body} over [0, n) in at most {@link #THREADS} contiguous chunks; returns the chunk
   * count.
   */
  static int forRange(int n, RangeBody body) {
    int chunks = Math.max(1, Math.min(THREADS, n));
    if (chunks == 1) {
      body.run(0, 0, n);
      return 1;
    }
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            chunk -> {
              long from = (long) n * chunk / chunks;
              long to = (long) n * (chunk + 1) / chunks;
              body.run(chunk, (int) from, (int) to);
            });
    return chunks;
  }

  /** How many chunks {@link #forRange} uses for n items. */
  static int chunksFor(int n) {
    return Math.max(1, Math.min(THREADS, n));
  }
}

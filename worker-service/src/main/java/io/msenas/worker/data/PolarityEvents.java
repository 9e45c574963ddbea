package io.msenas.worker.data;

import java.util.Arrays;

/**
 * Decoded polarity (brightness change) events of a 128 x 128 sensor, in file order.
 *
 * <p>Coordinates are as stored in the file: {@code x} is the column and {@code y} the row of the
 * frames built from them. Polarity 1 is ON (brighter), 0 is OFF; it is the channel index in the
 * frames. Timestamps are in microseconds. Immutable once built.
 */
final class PolarityEvents {

  private final int size;
  private final short[] xs;
  private final short[] ys;
  private final byte[] polarities;
  private final long[] timestamps;

  private PolarityEvents(int size, short[] xs, short[] ys, byte[] polarities, long[] timestamps) {
    this.size = size;
    this.xs = xs;
    this.ys = ys;
    this.polarities = polarities;
    this.timestamps = timestamps;
  }

  int size() {
    return size;
  }

  int x(int i) {
    return xs[check(i)];
  }

  int y(int i) {
    return ys[check(i)];
  }

  /** 1 for ON, 0 for OFF. */
  int polarity(int i) {
    return polarities[check(i)];
  }

  long timestamp(int i) {
    return timestamps[check(i)];
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("event index must be in 0.." + (size - 1) + ", was " + i);
    }
    return i;
  }

  @Override
  public String toString() {
    return "PolarityEvents[" + size + "]";
  }

  /** Collects events; not thread-safe. */
  static final class Builder {
    private int size;
    private short[] xs = new short[1024];
    private short[] ys = new short[1024];
    private byte[] polarities = new byte[1024];
    private long[] timestamps = new long[1024];

    Builder add(int x, int y, int polarity, long timestamp) {
      if (size == xs.length) {
        int grown = Math.max(16, size + (size >> 1));
        xs = Arrays.copyOf(xs, grown);
        ys = Arrays.copyOf(ys, grown);
        polarities = Arrays.copyOf(polarities, grown);
        timestamps = Arrays.copyOf(timestamps, grown);
      }
      xs[size] = (short) x;
      ys[size] = (short) y;
      polarities[size] = (byte) polarity;
      timestamps[size] = timestamp;
      size++;
      return this;
    }

    int size() {
      return size;
    }

    PolarityEvents build() {
      return new PolarityEvents(
          size,
          Arrays.copyOf(xs, size),
          Arrays.copyOf(ys, size),
          Arrays.copyOf(polarities, size),
          Arrays.copyOf(timestamps, size));
    }
  }
}

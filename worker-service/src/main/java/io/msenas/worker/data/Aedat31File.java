package io.msenas.worker.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An AEDAT 3.1 file of a 128 x 128 DVS (DVS128 Gesture), checked and indexed by its polarity
 * packets, so that the events of one time interval can be read without decoding the whole file.
 *
 * <p>Format (iniVation, "AEDAT 3.1", docs.inivation.com; libcaer {@code events/common.h} and {@code
 * events/polarity.h}): ASCII header lines starting with {@code #}, the first {@code #!AER-DAT3.1},
 * the last {@code #!END-HEADER}; then packets, all integers little-endian. A packet is a 28-byte
 * header — {@code int16 eventType, int16 eventSource, int32 eventSize, int32 eventTSOffset, int32
 * eventTSOverflow, int32 eventCapacity, int32 eventNumber, int32 eventValid} — followed by {@code
 * eventCapacity * eventSize} bytes of events, of which the first {@code eventNumber} are in use. A
 * polarity event (eventType 1, eventSize 8, eventTSOffset 4) is an {@code int32 data} and an {@code
 * int32 timestamp} (microseconds): data bit 0 is the valid mark, bit 1 the polarity (1 = ON), bits
 * 2-16 the y address and bits 17-31 the x address (15 bits each, origin at the top left). The full
 * timestamp is {@code eventTSOverflow << 31 | timestamp}. Packets of other types are skipped;
 * events whose valid bit is 0 are skipped.
 *
 * <p>{@link #open} reads the whole file once and rejects it, naming the packet (and event), if a
 * packet is truncated, a polarity packet has the wrong event size or an event lies outside the 128
 * x 128 sensor. Immutable and thread-safe; each read opens the file afresh.
 */
final class Aedat31File {

  static final String VERSION_LINE = "#!AER-DAT3.1";
  static final int PACKET_HEADER_BYTES = 28;
  static final int POLARITY_EVENT = 1;
  static final int POLARITY_EVENT_BYTES = 8;
  static final int SENSOR_SIZE = 128;

  private final Path file;
  private final long events;
  // one entry per polarity packet with at least one valid event
  private final long[] dataOffsets;
  private final int[] eventNumbers;
  private final int[] overflows;
  private final long[] minTimestamps;
  private final long[] maxTimestamps;

  private Aedat31File(
      Path file,
      long events,
      long[] dataOffsets,
      int[] eventNumbers,
      int[] overflows,
      long[] minTimestamps,
      long[] maxTimestamps) {
    this.file = file;
    this.events = events;
    this.dataOffsets = dataOffsets;
    this.eventNumbers = eventNumbers;
    this.overflows = overflows;
    this.minTimestamps = minTimestamps;
    this.maxTimestamps = maxTimestamps;
  }

  /**
   * Reads and checks {@code file}, indexing its polarity packets.
   *
   * @throws DatasetFormatException naming the file, and where it applies the packet index, its byte
   *     offset and the event index, if the file is missing, has no AEDAT 3.1 header, or is
   *     malformed
   */
  static Aedat31File open(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(
          name, Files.exists(file) ? "is not a regular file" : "file not found");
    }
    long headerBytes;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      headerBytes = AedatHeader.read(in, name, VERSION_LINE, true);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(name, "file not found", e);
    } catch (IOException e) {
      throw new DatasetFormatException(name, "could not be read: " + e.getMessage(), e);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return scan(file, channel, headerBytes);
    } catch (IOException e) {
      throw new DatasetFormatException(name, "could not be read: " + e.getMessage(), e);
    }
  }

  private static Aedat31File scan(Path file, FileChannel channel, long position)
      throws IOException {
    String name = file.toString();
    long fileSize = channel.size();
    ByteBuffer header = ByteBuffer.allocate(PACKET_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    int count = 0;
    long events = 0;
    long[] offsets = new long[64];
    int[] numbers = new int[64];
    int[] overflowList = new int[64];
    long[] mins = new long[64];
    long[] maxs = new long[64];
    for (int packet = 0; position < fileSize; packet++) {
      long remaining = fileSize - position;
      if (remaining < PACKET_HEADER_BYTES) {
        throw new DatasetFormatException(
            name,
            String.format(
                "packet %d at byte %d is truncated: its header needs %d bytes, %d remain",
                packet, position, PACKET_HEADER_BYTES, remaining));
      }
      header.clear();
      readFully(channel, header, position);
      header.flip();
      int type = header.getShort();
      header.getShort(); // event source: one camera per file
      int size = header.getInt();
      int tsOffset = header.getInt();
      int overflow = header.getInt();
      int capacity = header.getInt();
      int number = header.getInt();
      int valid = header.getInt();
      String where = String.format("packet %d at byte %d", packet, position);
      checkPacketHeader(name, where, type, size, tsOffset, overflow, capacity, number, valid);
      long dataBytes = (long) capacity * size;
      if (dataBytes > remaining - PACKET_HEADER_BYTES) {
        throw new DatasetFormatException(
            name,
            String.format(
                "%s is truncated: its header declares %d events of %d bytes (%d bytes),"
                    + " only %d bytes remain",
                where, capacity, size, dataBytes, remaining - PACKET_HEADER_BYTES));
      }
      long dataOffset = position + PACKET_HEADER_BYTES;
      if (type == POLARITY_EVENT && number > 0) {
        if ((long) number * POLARITY_EVENT_BYTES > Integer.MAX_VALUE - 8) {
          throw new DatasetFormatException(
              name, where + ": eventNumber " + number + " is too large for one packet buffer");
        }
        int used = number * POLARITY_EVENT_BYTES;
        if (data.capacity() < used) {
          data = ByteBuffer.allocate(used).order(ByteOrder.LITTLE_ENDIAN);
        }
        data.clear().limit(used);
        readFully(channel, data, dataOffset);
        data.flip();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int validEvents = 0;
        for (int e = 0; e < number; e++) {
          int word = data.getInt();
          int ts = data.getInt();
          if ((word & 1) == 0) {
            continue;
          }
          int x = (word >>> 17) & 0x7FFF;
          int y = (word >>> 2) & 0x7FFF;
          if (x >= SENSOR_SIZE || y >= SENSOR_SIZE) {
            throw new DatasetFormatException(
                name,
                String.format(
                    "%s, event %d: address (x %d, y %d) is outside the %d x %d sensor",
                    where, e, x, y, SENSOR_SIZE, SENSOR_SIZE));
          }
          if (ts < 0) {
            throw new DatasetFormatException(
                name, String.format("%s, event %d: negative timestamp %d", where, e, ts));
          }
          long timestamp = ((long) overflow << 31) | ts;
          min = Math.min(min, timestamp);
          max = Math.max(max, timestamp);
          validEvents++;
        }
        if (validEvents > 0) {
          if (count == offsets.length) {
            int grown = count * 2;
            offsets = Arrays.copyOf(offsets, grown);
            numbers = Arrays.copyOf(numbers, grown);
            overflowList = Arrays.copyOf(overflowList, grown);
            mins = Arrays.copyOf(mins, grown);
            maxs = Arrays.copyOf(maxs, grown);
          }
          offsets[count] = dataOffset;
          numbers[count] = number;
          overflowList[count] = overflow;
          mins[count] = min;
          maxs[count] = max;
          count++;
          events += validEvents;
        }
      }
      position = dataOffset + dataBytes;
    }
    return new Aedat31File(
        file,
        events,
        Arrays.copyOf(offsets, count),
        Arrays.copyOf(numbers, count),
        Arrays.copyOf(overflowList, count),
        Arrays.copyOf(mins, count),
        Arrays.copyOf(maxs, count));
  }

  private static void checkPacketHeader(
      String name,
      String where,
      int type,
      int size,
      int tsOffset,
      int overflow,
      int capacity,
      int number,
      int valid) {
    String problem = null;
    if (type < 0) {
      problem = "eventType " + type + " is negative";
    } else if (size <= 0) {
      problem = "eventSize " + size + " is not positive";
    } else if (capacity < 0) {
      problem = "eventCapacity " + capacity + " is negative";
    } else if (number < 0 || number > capacity) {
      problem = "eventNumber " + number + " is not within 0..eventCapacity (" + capacity + ")";
    } else if (valid < 0 || valid > number) {
      problem = "eventValid " + valid + " is not within 0..eventNumber (" + number + ")";
    } else if (overflow < 0) {
      problem = "eventTSOverflow " + overflow + " is negative";
    } else if (type == POLARITY_EVENT
        && (size != POLARITY_EVENT_BYTES || tsOffset != POLARITY_EVENT_BYTES / 2)) {
      problem =
          String.format(
              "a polarity packet (eventType 1) needs eventSize 8 and eventTSOffset 4, found %d"
                  + " and %d",
              size, tsOffset);
    }
    if (problem != null) {
      throw new DatasetFormatException(name, where + ": " + problem);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("unexpected end of file at byte " + at);
      }
      at += read;
    }
  }

  /** The file this index describes. */
  Path file() {
    return file;
  }

  /** Number of valid polarity events in the file. */
  long events() {
    return events;
  }

  /** Smallest timestamp of a valid polarity event, or {@code Long.MAX_VALUE} if there is none. */
  long firstTimestamp() {
    return Arrays.stream(minTimestamps).min().orElse(Long.MAX_VALUE);
  }

  /** Largest timestamp of a valid polarity event, or {@code Long.MIN_VALUE} if there is none. */
  long lastTimestamp() {
    return Arrays.stream(maxTimestamps).max().orElse(Long.MIN_VALUE);
  }

  /**
   * Whether a polarity packet's time span, from its first to its last valid event, overlaps {@code
   * [from, to)}: false means {@link #read}{@code (from, to)} finds no events (true does not promise
   * any: a packet's events may all lie outside the interval).
   */
  boolean mayHoldEvents(long from, long to) {
    for (int p = 0; p < dataOffsets.length; p++) {
      if (maxTimestamps[p] >= from && minTimestamps[p] < to) {
        return true;
      }
    }
    return false;
  }

  /** Every valid polarity event of the file, in file order. */
  PolarityEvents readAll() {
    return read(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * The valid polarity events with {@code from <= timestamp < to}, in file order.
   *
   * @throws DatasetFormatException if the file can no longer be read
   */
  PolarityEvents read(long from, long to) {
    PolarityEvents.Builder events = new PolarityEvents.Builder();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (int p = 0; p < dataOffsets.length; p++) {
        if (maxTimestamps[p] < from || minTimestamps[p] >= to) {
          continue;
        }
        int used = eventNumbers[p] * POLARITY_EVENT_BYTES;
        if (data.capacity() < used) {
          data = ByteBuffer.allocate(used).order(ByteOrder.LITTLE_ENDIAN);
        }
        data.clear().limit(used);
        readFully(channel, data, dataOffsets[p]);
        data.flip();
        long high = (long) overflows[p] << 31;
        for (int e = 0; e < eventNumbers[p]; e++) {
          int word = data.getInt();
          long timestamp = high | data.getInt();
          if ((word & 1) != 0 && timestamp >= from && timestamp < to) {
            events.add((word >>> 17) & 0x7FFF, (word >>> 2) & 0x7FFF, (word >>> 1) & 1, timestamp);
          }
        }
      }
    } catch (IOException e) {
      throw new DatasetFormatException(file.toString(), "could not be read: " + e.getMessage(), e);
    }
    return events.build();
  }

  @Override
  public String toString() {
    return "Aedat31File[" + file + ", " + events + " events]";
  }
}

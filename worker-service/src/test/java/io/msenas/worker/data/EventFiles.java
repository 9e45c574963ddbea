package io.msenas.worker.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds AEDAT 3.1 and AEDAT 2.0 files byte by byte, so tests state exactly what is on disk. */
public final class EventFiles {

  public static final String AEDAT31_HEADER =
      "#!AER-DAT3.1\r\n"
          + "#Format: RAW\r\n"
          + "#Source 1: DVS128\r\n"
          + "#Start-Time: 2017-01-01 12:00:00 (TZ+0000)\r\n"
          + "#!END-HEADER\r\n";

  public static final String AEDAT20_HEADER =
      "#!AER-DAT2.0\r\n"
          + "# This is a raw AE data file - do not edit\r\n"
          + "# Data format is int32 address, int32 timestamp (8 bytes total), repeated for each"
          + " event\r\n"
          + "# Timestamps tick is 1 us\r\n";

  private EventFiles() {}

  /** One DVS128 polarity event for an AEDAT 3.1 packet. */
  public record Event(int x, int y, int polarity, int timestamp, boolean valid) {
    public static Event on(int x, int y, int timestamp) {
      return new Event(x, y, 1, timestamp, true);
    }

    public static Event off(int x, int y, int timestamp) {
      return new Event(x, y, 0, timestamp, true);
    }

    public Event invalid() {
      return new Event(x, y, polarity, timestamp, false);
    }

    /** The AEDAT 3.1 data word: bit 0 valid, bit 1 polarity, bits 2-16 y, bits 17-31 x. */
    int data() {
      return (x << 17) | (y << 2) | (polarity << 1) | (valid ? 1 : 0);
    }
  }

  /** An AEDAT 3.1 file: the standard header, then the packets as given. */
  public static byte[] aedat31(byte[]... packets) {
    return concat(AEDAT31_HEADER.getBytes(StandardCharsets.US_ASCII), concat(packets));
  }

  /** A polarity packet (type 1, size 8, offset 4) with capacity = number = the events given. */
  public static byte[] polarityPacket(int overflow, Event... events) {
    ByteBuffer data = ByteBuffer.allocate(8 * events.length).order(ByteOrder.LITTLE_ENDIAN);
    int valid = 0;
    for (Event e : events) {
      data.putInt(e.data()).putInt(e.timestamp());
      valid += e.valid() ? 1 : 0;
    }
    return packet(1, 8, 4, overflow, events.length, events.length, valid, data.array());
  }

  /** A packet with every header field as given, followed by {@code data}. */
  public static byte[] packet(
      int type,
      int size,
      int tsOffset,
      int overflow,
      int capacity,
      int number,
      int valid,
      byte[] data) {
    ByteBuffer header = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    header.putShort((short) type).putShort((short) 1);
    header.putInt(size).putInt(tsOffset).putInt(overflow);
    header.putInt(capacity).putInt(number).putInt(valid);
    return concat(header.array(), data);
  }

  /**
   * A DVS128 address: bit 0 polarity as jAER writes it (0 = ON, 1 = OFF), bits 1-7 x, bits 8-14 y;
   * {@code polarity} is 1 for ON.
   */
  public static int dvs128Address(int x, int y, int polarity) {
    return (y << 8) | (x << 1) | (1 - polarity);
  }

  /** An AEDAT 2.0 file: the standard header, then big-endian (address, timestamp) pairs. */
  public static byte[] aedat20(int[] addresses, int[] timestamps) {
    ByteBuffer data = ByteBuffer.allocate(8 * addresses.length); // big-endian
    for (int i = 0; i < addresses.length; i++) {
      data.putInt(addresses[i]).putInt(timestamps[i]);
    }
    return concat(AEDAT20_HEADER.getBytes(StandardCharsets.US_ASCII), data.array());
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

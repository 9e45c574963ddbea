package io.msenas.worker.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads AEDAT 2.0 files recorded with a DVS128 camera (CIFAR10-DVS).
 *
 * <p>Format (iniVation, "AEDAT 2.0" and "AEDAT 1.0: DVS128", docs.inivation.com): ASCII header
 * lines starting with {@code #}, the first {@code #!AER-DAT2.0}; the header ends at the first line
 * that does not start with {@code #}. Then 8-byte events, big-endian: {@code int32 address, int32
 * timestamp} (microseconds). DVS128 address bits: 0 polarity, 1-7 x, 8-14 y, 15 external event; the
 * origin is at the bottom left. A DVS128 address is below 2^16, so the first data byte is 0 and
 * cannot be mistaken for a header line's {@code #}.
 *
 * <p>Polarity: iniVation's page says bit 0 = 1 means ON, but jAER's DVS128 event extractor (jAER
 * writes AEDAT 2.0 and is the reference reader of DVS128 recordings) reads bit 0 = 1 as OFF ({@code
 * type = 1 - (addr & 1)}, OFF when type is 0), and SpikingJelly's CIFAR10-DVS loader agrees ({@code
 * p = 1 - (addr & 1)}). This reader follows jAER: {@code polarity = 1 - (address & 1)}, so channel
 * 1 is ON here as in the AEDAT 3.1 files of DVS128 Gesture.
 *
 * <p>External events (bit 15) are not pixels and are skipped, as jAER skips addresses above 0xEFFF.
 * An address with any of bits 16-31 set is outside the 128 x 128 sensor's address space and
 * rejected. Stateless and thread-safe.
 */
final class Aedat20Reader {

  static final String VERSION_LINE = "#!AER-DAT2.0";
  static final int EVENT_BYTES = 8;

  private static final int EXTERNAL_EVENT = 1 << 15;

  private Aedat20Reader() {}

  /**
   * Every DVS128 polarity event of {@code file}, in file order, with {@code x = (address >> 1) &
   * 0x7F}, {@code y = (address >> 8) & 0x7F} and {@code polarity = 1 - (address & 1)} (1 = ON).
   *
   * @throws DatasetFormatException naming the file, and where it applies the event index and its
   *     byte offset, if the file is missing, has no AEDAT 2.0 header, ends inside an event or holds
   *     an address outside the sensor
   */
  static PolarityEvents readDvs128(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(
          name, Files.exists(file) ? "is not a regular file" : "file not found");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(name, "file not found", e);
    } catch (IOException e) {
      throw new DatasetFormatException(name, "could not be read: " + e.getMessage(), e);
    }
    int start;
    try {
      start =
          (int)
              AedatHeader.read(
                  new BufferedInputStream(new ByteArrayInputStream(bytes)),
                  name,
                  VERSION_LINE,
                  false);
    } catch (IOException e) {
      throw new DatasetFormatException(name, "could not be read: " + e.getMessage(), e);
    }
    int dataBytes = bytes.length - start;
    int count = dataBytes / EVENT_BYTES;
    if (dataBytes % EVENT_BYTES != 0) {
      throw new DatasetFormatException(
          name,
          String.format(
              "event %d at byte %d is truncated: an event has %d bytes, %d remain",
              count, start + count * EVENT_BYTES, EVENT_BYTES, dataBytes % EVENT_BYTES));
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, start, dataBytes); // big-endian by default
    PolarityEvents.Builder events = new PolarityEvents.Builder();
    for (int e = 0; e < count; e++) {
      int address = data.getInt();
      int timestamp = data.getInt();
      if ((address & 0xFFFF0000) != 0) {
        throw new DatasetFormatException(
            name,
            String.format(
                "event %d at byte %d: address 0x%08X has bits above bit 15 set; a DVS128 address"
                    + " (x in bits 1-7, y in bits 8-14) is outside the 128 x 128 sensor",
                e, start + e * EVENT_BYTES, address));
      }
      if ((address & EXTERNAL_EVENT) != 0) {
        continue;
      }
      events.add((address >>> 1) & 0x7F, (address >>> 8) & 0x7F, 1 - (address & 1), timestamp);
    }
    return events.build();
  }
}

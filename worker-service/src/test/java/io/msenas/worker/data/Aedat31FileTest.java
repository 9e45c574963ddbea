package io.msenas.worker.data;

import static io.msenas.worker.data.EventFiles.aedat31;
import static io.msenas.worker.data.EventFiles.ascii;
import static io.msenas.worker.data.EventFiles.concat;
import static io.msenas.worker.data.EventFiles.packet;
import static io.msenas.worker.data.EventFiles.polarityPacket;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.worker.data.EventFiles.Event;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Aedat31FileTest {

  @TempDir Path dir;

  private static final byte[] SPECIAL_PACKET =
      packet(0, 8, 4, 0, 1, 1, 1, new byte[] {1, 0, 0, 0, 9, 0, 0, 0});

  @Test
  void decodesPolarityEventsWithFullTimestampsSkippingInvalidEventsAndOtherPackets() {
    Path file =
        write(
            dir,
            "user01_lab.aedat",
            aedat31(
                polarityPacket(0, Event.on(0, 0, 10), Event.off(127, 5, 20)),
                SPECIAL_PACKET,
                polarityPacket(
                    1, Event.on(3, 127, 5), Event.on(9, 9, 6).invalid(), Event.off(64, 32, 7))));

    Aedat31File aedat = Aedat31File.open(file);
    PolarityEvents events = aedat.readAll();

    assertThat(aedat.events()).isEqualTo(4);
    assertThat(events.size()).isEqualTo(4);
    assertThat(column(events, 'x')).containsExactly(0, 127, 3, 64);
    assertThat(column(events, 'y')).containsExactly(0, 5, 127, 32);
    assertThat(column(events, 'p')).containsExactly(1, 0, 1, 0);
    long overflowed = 1L << 31;
    assertThat(timestamps(events)).containsExactly(10, 20, overflowed + 5, overflowed + 7);
    assertThat(aedat.firstTimestamp()).isEqualTo(10);
  }

  @Test
  void readsAHalfOpenTimeInterval() {
    Path file =
        write(
            dir,
            "t.aedat",
            aedat31(
                polarityPacket(0, Event.on(1, 1, 99), Event.on(2, 2, 100)),
                polarityPacket(0, Event.on(3, 3, 150), Event.on(4, 4, 199)),
                polarityPacket(0, Event.on(5, 5, 200), Event.on(6, 6, 300))));

    PolarityEvents events = Aedat31File.open(file).read(100, 200);

    assertThat(timestamps(events)).containsExactly(100, 150, 199);
    assertThat(column(events, 'x')).containsExactly(2, 3, 4);
  }

  @Test
  void ignoresUnusedCapacityAfterEventNumber() {
    byte[] full = polarityPacket(0, Event.on(1, 2, 10), Event.on(3, 4, 11));
    byte[] data = Arrays.copyOfRange(full, 28, full.length);
    // capacity 2, only the first event in use: the second must not be read
    Path file = write(dir, "c.aedat", aedat31(packet(1, 8, 4, 0, 2, 1, 1, data)));

    PolarityEvents events = Aedat31File.open(file).readAll();

    assertThat(events.size()).isEqualTo(1);
    assertThat(events.x(0)).isEqualTo(1);
    assertThat(events.y(0)).isEqualTo(2);
  }

  @Test
  void acceptsAFileWithoutPackets() {
    Path file = write(dir, "empty.aedat", aedat31());

    assertThat(Aedat31File.open(file).readAll().size()).isZero();
  }

  @Test
  void rejectsAFileWithoutHeader() {
    Path file = write(dir, "raw.aedat", polarityPacket(0, Event.on(1, 1, 1)));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no AEDAT header")
        .hasMessageContaining("#!AER-DAT3.1")
        .hasMessageContaining("0x01000100");
  }

  @Test
  void rejectsAnotherAedatVersion() {
    Path file = write(dir, "old.aedat", EventFiles.aedat20(new int[] {2}, new int[] {1}));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(
            "AEDAT version line is '#!AER-DAT2.0'; this data set needs #!AER-DAT3.1");
  }

  @Test
  void rejectsAHeaderWithoutEndLine() {
    Path file =
        write(
            dir,
            "open.aedat",
            concat(
                ascii("#!AER-DAT3.1\r\n#Format: RAW\r\n"), polarityPacket(0, Event.on(1, 1, 1))));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("header line 3 does not start with '#'")
        .hasMessageContaining("#!END-HEADER");
  }

  @Test
  void rejectsAFileThatEndsInsideTheHeader() {
    Path file = write(dir, "cut.aedat", ascii("#!AER-DAT3.1\r\n#Format: RAW\r\n"));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "header has no #!END-HEADER line (the file ends after 2 header lines)");
  }

  @Test
  void rejectsATruncatedPacketHeaderNamingPacketAndOffset() {
    byte[] first = polarityPacket(0, Event.on(1, 1, 1));
    byte[] bytes = aedat31(first, Arrays.copyOf(polarityPacket(0, Event.on(2, 2, 2)), 20));
    Path file = write(dir, "short-header.aedat", bytes);
    long offset = EventFiles.AEDAT31_HEADER.length() + first.length;

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(
            "packet 1 at byte " + offset + " is truncated: its header needs 28 bytes, 20 remain");
  }

  @Test
  void rejectsTruncatedPacketData() {
    byte[] packet = polarityPacket(0, Event.on(1, 1, 1), Event.on(2, 2, 2));
    Path file = write(dir, "short-data.aedat", aedat31(Arrays.copyOf(packet, packet.length - 3)));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("packet 0 at byte " + EventFiles.AEDAT31_HEADER.length())
        .hasMessageContaining("is truncated: its header declares 2 events of 8 bytes (16 bytes),")
        .hasMessageContaining("only 13 bytes remain");
  }

  @Test
  void rejectsAnEventOutsideTheSensorNamingPacketAndEvent() {
    Path file =
        write(
            dir,
            "wide.aedat",
            aedat31(
                polarityPacket(0, Event.on(1, 1, 1)),
                polarityPacket(0, Event.on(5, 5, 2), Event.on(128, 3, 3))));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("packet 1")
        .hasMessageContaining("event 1: address (x 128, y 3) is outside the 128 x 128 sensor");
  }

  @Test
  void rejectsAnEventBelowTheSensor() {
    Path file = write(dir, "tall.aedat", aedat31(polarityPacket(0, Event.on(0, 200, 1))));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("event 0: address (x 0, y 200) is outside the 128 x 128 sensor");
  }

  @Test
  void rejectsAPolarityPacketWithTheWrongEventSize() {
    Path file = write(dir, "size.aedat", aedat31(packet(1, 12, 4, 0, 1, 1, 1, new byte[12])));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(
            "packet 0 at byte "
                + EventFiles.AEDAT31_HEADER.length()
                + ": a polarity packet (eventType 1) needs eventSize 8 and eventTSOffset 4,"
                + " found 12 and 4");
  }

  @Test
  void rejectsMoreEventsThanCapacity() {
    Path file = write(dir, "number.aedat", aedat31(packet(1, 8, 4, 0, 1, 2, 2, new byte[8])));

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("eventNumber 2 is not within 0..eventCapacity (1)");
  }

  @Test
  void rejectsAMissingFile() {
    Path file = dir.resolve("user99_lab.aedat");

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("file not found");
  }

  @Test
  void rejectsAnEmptyFile() {
    Path file = write(dir, "zero.aedat", new byte[0]);

    assertThatThrownBy(() -> Aedat31File.open(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("is empty; expected an AEDAT header starting with #!AER-DAT3.1");
  }

  static int[] column(PolarityEvents events, char which) {
    int[] values = new int[events.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (which) {
            case 'x' -> events.x(i);
            case 'y' -> events.y(i);
            default -> events.polarity(i);
          };
    }
    return values;
  }

  static long[] timestamps(PolarityEvents events) {
    long[] values = new long[events.size()];
    Arrays.setAll(values, events::timestamp);
    return values;
  }
}

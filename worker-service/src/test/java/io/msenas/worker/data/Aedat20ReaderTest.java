package io.msenas.worker.data;

import static io.msenas.worker.data.Aedat31FileTest.column;
import static io.msenas.worker.data.Aedat31FileTest.timestamps;
import static io.msenas.worker.data.EventFiles.aedat20;
import static io.msenas.worker.data.EventFiles.ascii;
import static io.msenas.worker.data.EventFiles.concat;
import static io.msenas.worker.data.EventFiles.dvs128Address;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Aedat20ReaderTest {

  @TempDir Path dir;

  @Test
  void decodesDvs128AddressesBigEndian() {
    int[] addresses = {
      dvs128Address(0, 0, 1), dvs128Address(127, 0, 0), dvs128Address(5, 127, 1), 0x1234,
    };
    Path file = write(dir, "cifar10_cat_0.aedat", aedat20(addresses, new int[] {1, 2, 300, 70000}));

    PolarityEvents events = Aedat20Reader.readDvs128(file);

    // 0x1234 = 0b0001_0010_0011_0100: bit 0 clear (ON), x = 0b0011010 = 26, y = 0b0010010 = 18
    assertThat(column(events, 'x')).containsExactly(0, 127, 5, 26);
    assertThat(column(events, 'y')).containsExactly(0, 0, 127, 18);
    assertThat(column(events, 'p')).containsExactly(1, 0, 1, 1);
    assertThat(timestamps(events)).containsExactly(1, 2, 300, 70000);
  }

  @Test
  void theBytesOnDiskAreBigEndian() {
    byte[] bytes = aedat20(new int[] {dvs128Address(3, 2, 0)}, new int[] {258});
    int start = EventFiles.AEDAT20_HEADER.length();

    // address 0x0207 (y 2, x 3, bit 0 set: OFF), timestamp 0x0102: most significant byte first
    assertThat(Arrays.copyOfRange(bytes, start, start + 8)).containsExactly(0, 0, 2, 7, 0, 0, 1, 2);
    assertThat(Aedat20Reader.readDvs128(write(dir, "one.aedat", bytes)).polarity(0)).isZero();
  }

  @Test
  void skipsExternalEvents() {
    int[] addresses = {dvs128Address(1, 1, 1), 0x8000, dvs128Address(2, 2, 0)};
    Path file = write(dir, "ext.aedat", aedat20(addresses, new int[] {1, 2, 3}));

    PolarityEvents events = Aedat20Reader.readDvs128(file);

    assertThat(column(events, 'x')).containsExactly(1, 2);
    assertThat(timestamps(events)).containsExactly(1, 3);
  }

  @Test
  void acceptsOnlyTheVersionLineAsHeaderAndNoEvents() {
    Path file = write(dir, "bare.aedat", ascii("#!AER-DAT2.0\r\n"));

    assertThat(Aedat20Reader.readDvs128(file).size()).isZero();
  }

  @Test
  void rejectsAFileWithoutHeader() {
    byte[] bytes = aedat20(new int[] {2}, new int[] {1});
    Path file =
        write(
            dir,
            "raw.aedat",
            Arrays.copyOfRange(bytes, EventFiles.AEDAT20_HEADER.length(), bytes.length));

    assertThatThrownBy(() -> Aedat20Reader.readDvs128(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no AEDAT header: the file must start with the line #!AER-DAT2.0")
        .hasMessageContaining("0x00000002");
  }

  @Test
  void rejectsAHeaderWithoutVersionLine() {
    Path file = write(dir, "anon.aedat", concat(ascii("# raw data\r\n"), new byte[8]));

    assertThatThrownBy(() -> Aedat20Reader.readDvs128(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "first header line is '# raw data', not the version line #!AER-DAT2.0");
  }

  @Test
  void rejectsAnotherVersion() {
    Path file = write(dir, "v31.aedat", EventFiles.aedat31());

    assertThatThrownBy(() -> Aedat20Reader.readDvs128(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "AEDAT version line is '#!AER-DAT3.1'; this data set needs #!AER-DAT2.0");
  }

  @Test
  void rejectsATruncatedEventNamingItsIndexAndOffset() {
    byte[] bytes = aedat20(new int[] {2, 4, 6}, new int[] {1, 2, 3});
    Path file = write(dir, "cut.aedat", Arrays.copyOf(bytes, bytes.length - 5));
    int start = EventFiles.AEDAT20_HEADER.length();

    assertThatThrownBy(() -> Aedat20Reader.readDvs128(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(
            "event 2 at byte " + (start + 16) + " is truncated: an event has 8 bytes, 3 remain");
  }

  @Test
  void rejectsAnAddressOutsideTheSensor() {
    Path file = write(dir, "far.aedat", aedat20(new int[] {2, 0x10002}, new int[] {1, 2}));
    int start = EventFiles.AEDAT20_HEADER.length();

    assertThatThrownBy(() -> Aedat20Reader.readDvs128(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("event 1 at byte " + (start + 8) + ": address 0x00010002")
        .hasMessageContaining("outside the 128 x 128 sensor");
  }

  @Test
  void rejectsAMissingFile() {
    Path file = dir.resolve("cifar10_dog_7.aedat");

    assertThatThrownBy(() -> Aedat20Reader.readDvs128(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("file not found");
  }
}

package io.msenas.worker.data;

import static io.msenas.worker.data.IdxFiles.gzip;
import static io.msenas.worker.data.IdxFiles.idx;
import static io.msenas.worker.data.IdxFiles.idxWithMagic;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  // three 2x3 images; the values cover both ends of the byte range and the sign bit
  private static final int[] PIXELS = {
    0, 1, 2, 127, 128, 255,
    255, 0, 51, 0, 0, 0,
    10, 20, 30, 40, 50, 60,
  };
  private static final byte[] IMAGES = idx(new int[] {3, 2, 3}, PIXELS);

  @TempDir Path dir;

  @Test
  void decodesPlainFileExactly() {
    IdxArray array = IdxReader.read(write(dir, "images.idx3", IMAGES), 3);

    assertThat(array.dims()).containsExactly(3, 2, 3);
    assertThat(array.rank()).isEqualTo(3);
    assertThat(array.length()).isEqualTo(18);
    int[] decoded = new int[array.length()];
    Arrays.setAll(decoded, array::unsigned);
    assertThat(decoded).containsExactly(PIXELS);
  }

  @Test
  void decodesGzipByMagicWhateverTheName() {
    IdxArray plain = IdxReader.read(write(dir, "images.idx3", IMAGES));
    IdxArray gzNamed = IdxReader.read(write(dir, "images.idx3.gz", gzip(IMAGES)));
    IdxArray unnamed = IdxReader.read(write(dir, "images-zipped.bin", gzip(IMAGES)));

    assertThat(gzNamed).isEqualTo(plain);
    assertThat(unnamed).isEqualTo(plain);
  }

  @Test
  void decodesStreamWithDisplayName() {
    IdxArray array =
        IdxReader.read(new ByteArrayInputStream(gzip(IMAGES)), "classpath:images.gz", 3);

    assertThat(array.dim(0)).isEqualTo(3);
    assertThat(array.unsigned(5)).isEqualTo(255);
  }

  @Test
  void decodesOneDimensionalLabels() {
    IdxArray labels = IdxReader.read(write(dir, "labels.idx1", idx(new int[] {4}, 7, 0, 9, 3)), 1);

    assertThat(labels.dims()).containsExactly(4);
    assertThat(labels.data()).containsExactly(7, 0, 9, 3);
  }

  @Test
  void accessorsReturnCopies() {
    IdxArray array = IdxReader.read(write(dir, "images.idx3", IMAGES));
    array.dims()[0] = 99;
    array.data()[0] = 99;

    assertThat(array.dim(0)).isEqualTo(3);
    assertThat(array.unsigned(0)).isZero();
  }

  @Test
  void loadsFullSizeMnistTrainingFilesPlainAndGzipped() throws IOException {
    int n = 60_000;
    int area = 28 * 28;
    byte[] header = ByteBuffer.allocate(16).putInt(0x0803).putInt(n).putInt(28).putInt(28).array();
    byte[] body = new byte[n * area];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i % 251);
    }
    Path plain = dir.resolve("train-images-idx3-ubyte");
    try (OutputStream out = Files.newOutputStream(plain)) {
      out.write(header);
      out.write(body);
    }
    Path zipped = dir.resolve("train-images-idx3-ubyte.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(zipped), 1 << 16)) {
      out.write(header);
      out.write(body);
    }

    for (Path file : new Path[] {plain, zipped}) {
      IdxArray array = IdxReader.read(file, 3);
      assertThat(array.dims()).as(file.toString()).containsExactly(n, 28, 28);
      int last = n * area - 1;
      assertThat(array.unsigned(last)).as(file.toString()).isEqualTo(last % 251);
    }
  }

  @Test
  void rejectsWrongMagicShowingExpectedAndFoundInHex() {
    Path file = write(dir, "bad-magic.idx3", idxWithMagic(0x12340803, new int[] {3, 2, 3}, PIXELS));

    assertThatThrownBy(() -> IdxReader.read(file, 3))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("wrong magic number")
        .hasMessageContaining("expected 0x00000803")
        .hasMessageContaining("found 0x12340803")
        .satisfies(
            e -> assertThat(((DatasetFormatException) e).fileName()).isEqualTo(file.toString()));
  }

  @Test
  void rejectsUnsupportedElementType() {
    Path file = write(dir, "floats.idx3", idxWithMagic(0x0D03, new int[] {3, 2, 3}, PIXELS));

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unsupported IDX element type 0x0D (float)")
        .hasMessageContaining("only 0x08 (unsigned byte)");
  }

  @Test
  void rejectsLabelsFileReadAsImages() {
    Path file = write(dir, "labels.idx1", idx(new int[] {3}, 1, 2, 3));

    assertThatThrownBy(() -> IdxReader.read(file, 3))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("wrong number of dimensions: expected 3")
        .hasMessageContaining("found 1");
  }

  @Test
  void rejectsNonPositiveDimension() {
    Path file = write(dir, "zero.idx3", idx(new int[] {3, 0, 3}));

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("dimension 1 has size 0");
  }

  @Test
  void rejectsTruncatedDataWithExpectedAndFoundCounts() {
    Path file = write(dir, "short.idx3", Arrays.copyOf(IMAGES, 16 + 10));

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated data")
        .hasMessageContaining("need 18 bytes")
        .hasMessageContaining("found 10");
  }

  @Test
  void rejectsTruncatedHeader() {
    Path file = write(dir, "stub.idx3", Arrays.copyOf(IMAGES, 9));

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated header: 3 dimensions need 12 size bytes, found 5");
  }

  @Test
  void rejectsTruncatedGzip() {
    byte[] zipped = gzip(IMAGES);
    Path file = write(dir, "cut.idx3.gz", Arrays.copyOf(zipped, zipped.length - 12));

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated");
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] padded = Arrays.copyOf(IMAGES, IMAGES.length + 2);
    Path file = write(dir, "long.idx3", padded);

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("2 trailing bytes after the 18 data bytes");
  }

  @Test
  void rejectsGzNameOnPlainContent() {
    Path file = write(dir, "plain.idx3.gz", IMAGES);

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("does not start with the gzip magic 0x1F8B (found 0x0000)");
  }

  @Test
  void rejectsMissingFileNamingIt() {
    Path file = dir.resolve("no-such-images.idx3.gz");

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("file not found");
  }

  @Test
  void rejectsEmptyFile() {
    Path file = write(dir, "empty.idx3", new byte[0]);

    assertThatThrownBy(() -> IdxReader.read(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("expected 4 magic bytes, found 0");
  }
}

package io.msenas.worker.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads files in the IDX format of the MNIST distribution.
 *
 * <p>Layout: two zero bytes, a type byte, a byte giving the number of dimensions {@code n}, {@code
 * n} big-endian 32-bit sizes, then the elements row-major. Only type {@code 0x08} (unsigned byte),
 * the type of every MNIST file, is supported. Files may be gzipped; gzip is recognised by its magic
 * bytes {@code 0x1f8b}, whatever the file is called.
 *
 * <p>Bytes after the last element are rejected rather than ignored: real IDX files have none, so
 * leftovers mean the header's sizes disagree with the data (for instance a wrong record count).
 *
 * <p>Every failure, a missing file included, is a {@link DatasetFormatException} whose message
 * names the file. Stateless and thread-safe.
 */
public final class IdxReader {

  /** Any rank is accepted. */
  public static final int ANY_RANK = -1;

  private static final int TYPE_UNSIGNED_BYTE = 0x08;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private IdxReader() {}

  /** Reads an IDX file of any rank; see {@link #read(Path, int)}. */
  public static IdxArray read(Path file) {
    return read(file, ANY_RANK);
  }

  /**
   * Reads an IDX file, plain or gzipped.
   *
   * @param file the file; its path is used as the display name in errors
   * @param expectedRank the number of dimensions the caller needs, or {@link #ANY_RANK}
   * @throws DatasetFormatException if the file is missing, unreadable or malformed
   */
  public static IdxArray read(Path file, int expectedRank) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(
          name, Files.exists(file) ? "is not a regular file" : "file not found");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, name, expectedRank);
    } catch (NoSuchFileException e) {
      // deleted between the check and the open
      throw new DatasetFormatException(name, "file not found", e);
    } catch (IOException e) {
      throw new DatasetFormatException(name, "could not be read: " + e.getMessage(), e);
    }
  }

  /** Reads an IDX stream of any rank; see {@link #read(InputStream, String, int)}. */
  public static IdxArray read(InputStream in, String displayName) {
    return read(in, displayName, ANY_RANK);
  }

  /**
   * Reads an IDX stream, plain or gzipped, for sources without a path such as classpath resources.
   * The stream is read to its end but not closed; the caller owns it.
   *
   * @param in the stream, positioned at the first byte of the (possibly gzipped) file
   * @param displayName how errors name the source, for example the resource name
   * @param expectedRank the number of dimensions the caller needs, or {@link #ANY_RANK}
   * @throws DatasetFormatException if the stream is unreadable or malformed
   */
  public static IdxArray read(InputStream in, String displayName, int expectedRank) {
    if (displayName == null) {
      throw new IllegalArgumentException("displayName must not be null");
    }
    if (in == null) {
      throw new DatasetFormatException(displayName, "not found (no input stream)");
    }
    if (expectedRank != ANY_RANK && (expectedRank < 1 || expectedRank > 255)) {
      throw new IllegalArgumentException(
          "expectedRank must be 1..255 or ANY_RANK, was " + expectedRank);
    }
    try {
      return decode(unzipIfGzipped(in, displayName), displayName, expectedRank);
    } catch (EOFException | ZipException e) {
      // a cut-off or corrupt gzip member surfaces here, not as a short read
      throw new DatasetFormatException(
          displayName, "corrupt or truncated gzip data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DatasetFormatException(displayName, "could not be read: " + e.getMessage(), e);
    }
  }

  private static InputStream unzipIfGzipped(InputStream raw, String name) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    boolean gzipMagic = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
    if (!gzipMagic && name.endsWith(".gz")) {
      throw new DatasetFormatException(
          name,
          String.format(
              "name ends in .gz but the content does not start with the gzip magic 0x1F8B (found %s)",
              hexPrefix(b1, b2)));
    }
    return gzipMagic ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
  }

  private static IdxArray decode(InputStream in, String name, int expectedRank) throws IOException {
    byte[] head = in.readNBytes(4);
    if (head.length < 4) {
      throw new DatasetFormatException(
          name, "truncated header: expected 4 magic bytes, found " + head.length);
    }
    int magic =
        ((head[0] & 0xff) << 24)
            | ((head[1] & 0xff) << 16)
            | ((head[2] & 0xff) << 8)
            | (head[3] & 0xff);
    int type = head[2] & 0xff;
    int rank = head[3] & 0xff;
    if (head[0] != 0 || head[1] != 0) {
      throw new DatasetFormatException(
          name,
          String.format(
              "wrong magic number: expected %s, found 0x%08X; not an IDX file",
              expectedMagic(expectedRank), magic));
    }
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new DatasetFormatException(
          name,
          String.format(
              "unsupported IDX element type 0x%02X (%s) in magic 0x%08X; only 0x08 (unsigned byte) is supported",
              type, typeName(type), magic));
    }
    if (rank == 0) {
      throw new DatasetFormatException(
          name, String.format("magic 0x%08X declares 0 dimensions", magic));
    }
    if (expectedRank != ANY_RANK && rank != expectedRank) {
      throw new DatasetFormatException(
          name,
          String.format(
              "wrong number of dimensions: expected %d (magic 0x%08X), found %d (magic 0x%08X)",
              expectedRank, 0x0800 | expectedRank, rank, magic));
    }
    int[] dims = readDims(in, name, rank);
    int size = elementCount(dims, name);
    byte[] data = in.readNBytes(size);
    if (data.length < size) {
      throw new DatasetFormatException(
          name,
          String.format(
              "truncated data: dimensions %s need %d bytes after the %d-byte header, found %d",
              Arrays.toString(dims), size, 4 + 4 * rank, data.length));
    }
    long trailing = in.transferTo(OutputStream.nullOutputStream());
    if (trailing > 0) {
      throw new DatasetFormatException(
          name,
          String.format(
              "%d trailing bytes after the %d data bytes that dimensions %s describe",
              trailing, size, Arrays.toString(dims)));
    }
    return new IdxArray(dims, data);
  }

  private static int[] readDims(InputStream in, String name, int rank) throws IOException {
    byte[] raw = in.readNBytes(4 * rank);
    if (raw.length < 4 * rank) {
      throw new DatasetFormatException(
          name,
          String.format(
              "truncated header: %d dimensions need %d size bytes, found %d",
              rank, 4 * rank, raw.length));
    }
    int[] dims = new int[rank];
    for (int k = 0; k < rank; k++) {
      int p = 4 * k;
      dims[k] =
          ((raw[p] & 0xff) << 24)
              | ((raw[p + 1] & 0xff) << 16)
              | ((raw[p + 2] & 0xff) << 8)
              | (raw[p + 3] & 0xff);
      if (dims[k] <= 0) {
        throw new DatasetFormatException(
            name, String.format("dimension %d has size %d; sizes must be positive", k, dims[k]));
      }
    }
    return dims;
  }

  private static int elementCount(int[] dims, String name) {
    long count = 1;
    for (int d : dims) {
      count *= d;
      // a Java array caps the size; checking as we go keeps the long from overflowing
      if (count > Integer.MAX_VALUE - 8) {
        throw new DatasetFormatException(
            name,
            "dimensions "
                + Arrays.toString(dims)
                + " describe more than "
                + (Integer.MAX_VALUE - 8)
                + " elements, too many for one array");
      }
    }
    return (int) count;
  }

  private static String expectedMagic(int expectedRank) {
    return expectedRank == ANY_RANK
        ? "0x000008NN (unsigned bytes, NN dimensions)"
        : String.format(
            "0x%08X (unsigned bytes, %d dimensions)", 0x0800 | expectedRank, expectedRank);
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> "not an IDX type";
    };
  }

  private static String hexPrefix(int b1, int b2) {
    if (b1 < 0) {
      return "an empty file";
    }
    return b2 < 0 ? String.format("0x%02X", b1) : String.format("0x%02X%02X", b1, b2);
  }
}

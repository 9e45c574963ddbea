package io.msenas.worker.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte, so tests state exactly what is on disk. */
public final class IdxFiles {

  private IdxFiles() {}

  /** An unsigned-byte IDX file (magic 0x000008NN) with the given dimensions and elements. */
  public static byte[] idx(int[] dims, int... unsignedValues) {
    return idxWithMagic(0x0800 | dims.length, dims, unsignedValues);
  }

  /** An IDX file whose magic is written as given, whatever the dimensions say. */
  public static byte[] idxWithMagic(int magic, int[] dims, int... unsignedValues) {
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + unsignedValues.length);
    buf.putInt(magic);
    for (int d : dims) {
      buf.putInt(d);
    }
    for (int v : unsignedValues) {
      buf.put((byte) v);
    }
    return buf.array();
  }

  public static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

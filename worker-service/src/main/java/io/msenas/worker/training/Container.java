package io.msenas.worker.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The envelope of the binary files: magic bytes, a format version and a JSON header. */
final class Container {

  /** Headers are small; a larger length means a damaged or foreign file. */
  private static final int MAX_HEADER = 64 << 20;

  private Container() {}

  static void writeHeader(DataOutputStream out, String magic, int version, byte[] json)
      throws IOException {
    out.write(magic.getBytes(StandardCharsets.US_ASCII));
    out.writeInt(version);
    out.writeInt(json.length);
    out.write(json);
  }

  static byte[] readHeader(DataInputStream in, String magic, int version) throws IOException {
    byte[] found = in.readNBytes(magic.length());
    if (!magic.equals(new String(found, StandardCharsets.US_ASCII))) {
      throw new IOException("does not start with " + magic);
    }
    int foundVersion = in.readInt();
    if (foundVersion != version) {
      throw new IOException(magic + " format version " + foundVersion + " is not " + version);
    }
    int length = in.readInt();
    if (length < 0 || length > MAX_HEADER) {
      throw new IOException("header length " + length + " is out of range");
    }
    return in.readNBytes(length);
  }
}

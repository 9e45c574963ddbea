package io.msenas.worker.data;

/** Builds CIFAR binary-version records byte by byte, so tests state exactly what is on disk. */
public final class CifarFiles {

  /** Bytes of a CIFAR-10 record: 1 label byte and 3,072 pixel bytes. */
  public static final int CIFAR10_RECORD = 1 + 3072;

  private CifarFiles() {}

  /** The stored byte of (record id, channel, row, col): distinct enough to catch a wrong order. */
  public static int value(int id, int channel, int row, int col) {
    return (id * 7 + channel * 85 + row * 3 + col * 5) % 256;
  }

  /** A record: the label bytes as given, then the R, G and B planes of image {@code id}. */
  public static byte[] record(int id, int... labelBytes) {
    byte[] record = new byte[labelBytes.length + 3072];
    for (int i = 0; i < labelBytes.length; i++) {
      record[i] = (byte) labelBytes[i];
    }
    for (int c = 0; c < 3; c++) {
      for (int row = 0; row < 32; row++) {
        for (int col = 0; col < 32; col++) {
          record[labelBytes.length + c * 1024 + row * 32 + col] = (byte) value(id, c, row, col);
        }
      }
    }
    return record;
  }
}

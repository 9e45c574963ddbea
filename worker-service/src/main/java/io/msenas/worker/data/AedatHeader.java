package io.msenas.worker.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the ASCII header of an AEDAT file: lines that start with {@code #} and end with CRLF (a
 * bare LF is accepted too), the first of which is the version line {@code #!AER-DATx.y}.
 *
 * <p>Source: iniVation, "AEDAT File Formats" (docs.inivation.com, software-advanced-usage /
 * file-formats: the common version header, AEDAT 2.0 and AEDAT 3.1 pages).
 */
final class AedatHeader {

  /** Longer lines mean the bytes are not a header at all. */
  private static final int MAX_LINE = 1 << 20;

  static final String END_LINE = "#!END-HEADER";

  private AedatHeader() {}

  /**
   * Reads the header from the start of {@code in} and returns its length in bytes; {@code in} is
   * left at the first data byte.
   *
   * @param in the file's bytes; must support {@code mark} (a {@code BufferedInputStream})
   * @param name the file's display name for errors
   * @param versionLine the required first line, for example {@code #!AER-DAT3.1}
   * @param endLineRequired true for AEDAT 3.1, whose header ends with {@code #!END-HEADER}; false
   *     for AEDAT 2.0, whose header ends at the first line that does not start with {@code #}
   * @throws DatasetFormatException if the header is absent, of another version or unterminated
   */
  static long read(InputStream in, String name, String versionLine, boolean endLineRequired)
      throws IOException {
    in.mark(4);
    byte[] start = in.readNBytes(4);
    in.reset();
    if (start.length == 0) {
      throw new DatasetFormatException(
          name, "is empty; expected an AEDAT header starting with " + versionLine);
    }
    if (start[0] != '#') {
      throw new DatasetFormatException(
          name,
          "no AEDAT header: the file must start with the line "
              + versionLine
              + ", but starts with bytes "
              + hex(start));
    }
    long length = 0;
    Line first = readLine(in, name, 1);
    length += first.bytes;
    if (!first.text.equals(versionLine)) {
      throw new DatasetFormatException(
          name,
          first.text.startsWith("#!AER-DAT")
              ? "AEDAT version line is '"
                  + printable(first.text)
                  + "'; this data set needs "
                  + versionLine
              : "first header line is '"
                  + printable(first.text)
                  + "', not the version line "
                  + versionLine);
    }
    int lineNumber = 1;
    while (true) {
      in.mark(1);
      int next = in.read();
      in.reset();
      if (next != '#') {
        if (!endLineRequired) {
          return length;
        }
        throw new DatasetFormatException(
            name,
            next < 0
                ? "header has no "
                    + END_LINE
                    + " line (the file ends after "
                    + lineNumber
                    + " header lines)"
                : "header line "
                    + (lineNumber + 1)
                    + " does not start with '#' and no "
                    + END_LINE
                    + " line came before it");
      }
      lineNumber++;
      Line line = readLine(in, name, lineNumber);
      length += line.bytes;
      if (endLineRequired && line.text.equals(END_LINE)) {
        return length;
      }
    }
  }

  private record Line(String text, int bytes) {}

  private static Line readLine(InputStream in, String name, int lineNumber) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int bytes = 0;
    int b;
    while ((b = in.read()) >= 0) {
      bytes++;
      if (b == '\n') {
        break;
      }
      if (bytes > MAX_LINE) {
        throw new DatasetFormatException(
            name,
            "header line "
                + lineNumber
                + " is longer than "
                + MAX_LINE
                + " bytes; the header is damaged or this is not an AEDAT file");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    return new Line(text, bytes);
  }

  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < 60; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\x%02X", (int) c));
      }
    }
    return text.length() > 60 ? out + "..." : out.toString();
  }

  static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder("0x");
    for (byte b : bytes) {
      out.append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }
}

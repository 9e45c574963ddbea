package io.msenas.worker.data;

import java.util.Objects;

/**
 * A data set file is missing, unreadable or not in the format its reader expects.
 *
 * <p>The message always starts with the file's display name (a path, or a classpath resource name)
 * followed by what is wrong, so a log line alone is enough to find and fix the file. Not retryable:
 * reading the same bytes again fails the same way.
 */
public final class DatasetFormatException extends RuntimeException {

  private final String fileName;

  /**
   * @param fileName display name of the offending file; never null
   * @param problem what is wrong, naming the bad value
   */
  public DatasetFormatException(String fileName, String problem) {
    super(Objects.requireNonNull(fileName, "fileName") + ": " + problem);
    this.fileName = fileName;
  }

  /**
   * @param fileName display name of the offending file; never null
   * @param problem what is wrong, naming the bad value
   * @param cause the underlying I/O or decompression failure
   */
  public DatasetFormatException(String fileName, String problem, Throwable cause) {
    super(Objects.requireNonNull(fileName, "fileName") + ": " + problem, cause);
    this.fileName = fileName;
  }

  /** Display name of the offending file, as passed to the reader; never null. */
  public String fileName() {
    return fileName;
  }
}

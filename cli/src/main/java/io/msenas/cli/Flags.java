package io.msenas.cli;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.UUID;

/**
 * Parses one flag's value strictly, for every command: a malformed or out-of-range value is a
 * {@link UsageException} naming the flag and the value (exit status 2, before anything starts).
 */
public final class Flags {

  /** Most worker consumers one JVM runs ({@code --workers}). */
  public static final int MAX_WORKERS = 64;

  private Flags() {}

  /** One of {@code allowed}, exactly as written there. */
  public static String oneOf(String flag, String value, Collection<String> allowed) {
    if (!allowed.contains(value)) {
      throw new UsageException(
          flag + " must be one of " + allowed.stream().sorted().toList() + ", was '" + value + "'");
    }
    return value;
  }

  /** An integer in [min, max]. */
  public static int intIn(String flag, String value, int min, int max) {
    return (int) longIn(flag, value, min, max);
  }

  /** A 64-bit integer in [min, max]. */
  public static long longIn(String flag, String value, long min, long max) {
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " must be an integer, was '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new UsageException(
          flag + " must be between " + min + " and " + max + ", was " + parsed);
    }
    return parsed;
  }

  /** A finite number in [min, max] (not NaN, not infinite). */
  public static double numberIn(String flag, String value, double min, double max) {
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " must be a number, was '" + value + "'");
    }
    if (!Double.isFinite(parsed) || parsed < min || parsed > max) {
      throw new UsageException(
          flag
              + " must be a number between "
              + plain(min)
              + " and "
              + plain(max)
              + ", was "
              + value);
    }
    return parsed;
  }

  /** A folder or file name. */
  public static Path path(String flag, String value) {
    if (value.isBlank()) {
      throw new UsageException(flag + " must name a folder, was empty");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(flag + " is not a valid path: '" + value + "'");
    }
  }

  /** An id of the API (a UUID), as given. */
  public static String uuid(String flag, String value) {
    try {
      UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + " must be an id (a UUID), was '" + value + "'");
    }
    return value;
  }

  /** The address of an API service, {@code http(s)://host[:port]}, without trailing slashes. */
  public static String serverUrl(String flag, String value) {
    String url = value.replaceAll("/+$", "");
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // said below
    }
    throw new UsageException(flag + " must be an http:// or https:// address, was '" + value + "'");
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

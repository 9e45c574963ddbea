package io.msenas.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a command's arguments, one flag at a time, the same way for every command: {@code --flag
 * value} or {@code --flag=value}. A flag given without its value (at the end, or followed by
 * another flag: {@code --out --json}) is a {@link UsageException}, never a value taken from the
 * next flag.
 *
 * <pre>{@code
 * FlagReader flags = new FlagReader(args);
 * while (flags.hasNext()) {
 *   String flag = flags.next();
 *   switch (flag) {
 *     case "--json" -> json = flags.noValue();
 *     case "--out" -> out = Flags.path(flag, flags.value());
 *     default -> throw new UsageException("unknown flag '" + flag + "'");
 *   }
 * }
 * }</pre>
 */
public final class FlagReader {

  private final List<String> queue;
  private String flag;
  private String inline;

  public FlagReader(List<String> args) {
    this.queue = new ArrayList<>(args);
  }

  public boolean hasNext() {
    return !queue.isEmpty();
  }

  /**
   * The next flag's name, without an {@code =value} written after it.
   *
   * @throws UsageException for an argument that is not a flag
   */
  public String next() {
    String arg = queue.remove(0);
    if (!arg.startsWith("--")) {
      throw new UsageException("unexpected argument '" + arg + "' (flags start with --)");
    }
    int eq = arg.indexOf('=');
    flag = eq > 0 ? arg.substring(0, eq) : arg;
    inline = eq > 0 ? arg.substring(eq + 1) : null;
    return flag;
  }

  /**
   * The value of the flag {@link #next()} gave: the one after its {@code =}, or else the next
   * argument, which must not be a flag.
   *
   * @throws UsageException when the flag has no value
   */
  public String value() {
    if (inline != null) {
      return inline;
    }
    if (queue.isEmpty() || queue.get(0).startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return queue.remove(0);
  }

  /** For a switch ({@code --json}): true, or a {@link UsageException} when it was given a value. */
  public boolean noValue() {
    if (inline != null) {
      throw new UsageException(flag + " takes no value, was given '" + inline + "'");
    }
    return true;
  }
}

package io.msenas.cli;

import java.io.PrintStream;

/**
 * Standard output without the line SameDiff prints for every op it differentiates ({@code Added
 * differentiated op ...}, hundreds per training graph, straight to {@code System.out}), so that a
 * command's progress lines stay readable. Everything else passes through.
 */
final class QuietStdout extends PrintStream {

  static final String NOISE = "Added differentiated op";

  QuietStdout(PrintStream out) {
    super(out, true);
  }

  @Override
  public void println(String line) {
    if (line == null || !line.startsWith(NOISE)) {
      super.println(line);
    }
  }

  @Override
  public void println(Object value) {
    println(String.valueOf(value));
  }
}

package io.msenas.cli.run;

/** A run that cannot start or go on, for a reason the user can act on: one line, exit status 1. */
public final class RunException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RunException(String message) {
    super(message);
  }
}

package io.msenas.model.message;

/** Argument checks shared by the message records, so that every message words its errors alike. */
final class Checks {

  private Checks() {}

  static String requireNonBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          name + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  static int requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
    return value;
  }

  static double requireNonNegativeFinite(double value, String name) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
    }
    return value;
  }

  static double requirePositiveFinite(double value, String name) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
    }
    return value;
  }

  static void requireSchemaVersion(int schemaVersion, int expected, String message) {
    if (schemaVersion != expected) {
      throw new IllegalArgumentException(
          message + " schemaVersion must be " + expected + ", was " + schemaVersion);
    }
  }
}

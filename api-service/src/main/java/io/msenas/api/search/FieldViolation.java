package io.msenas.api.search;

import java.util.List;

/**
 * One invalid field of a request.
 *
 * @param field the JSON field name
 * @param value the rejected value as given (may be null)
 * @param message what is wrong, e.g. "must be in [2, 1000]"
 */
public record FieldViolation(String field, Object value, String message) {

  /**
   * An optional integer field: {@code fallback} when absent; a violation added to {@code errors}
   * when outside [min, max].
   */
  public static int intIn(
      List<FieldViolation> errors, String field, Integer value, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      errors.add(new FieldViolation(field, value, "must be in [" + min + ", " + max + "]"));
    }
    return value;
  }

  /**
   * An optional number field: {@code fallback} when absent; a violation added to {@code errors}
   * when not finite or outside [min, max].
   */
  public static double doubleIn(
      List<FieldViolation> errors,
      String field,
      Double value,
      double fallback,
      double min,
      double max) {
    if (value == null) {
      return fallback;
    }
    if (!Double.isFinite(value) || value < min || value > max) {
      errors.add(
          new FieldViolation(field, value, "must be a number in [" + min + ", " + max + "]"));
    }
    return value;
  }
}

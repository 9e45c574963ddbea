package io.msenas.api.search;

/**
 * One invalid field of a request.
 *
 * @param field the JSON field name
 * @param value the rejected value as given (may be null)
 * @param message what is wrong, e.g. "must be in [2, 1000]"
 */
public record FieldViolation(String field, Object value, String message) {}

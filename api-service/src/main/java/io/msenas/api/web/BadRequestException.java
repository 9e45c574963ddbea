package io.msenas.api.web;

import org.springframework.http.HttpStatus;

/** A malformed request parameter. */
public final class BadRequestException extends ApiException {

  private final String field;
  private final Object value;

  public BadRequestException(String field, Object value, String message) {
    super(
        HttpStatus.BAD_REQUEST,
        "invalid-parameter",
        "Invalid parameter",
        field + " = " + value + ": " + message);
    this.field = field;
    this.value = value;
  }

  public String field() {
    return field;
  }

  public Object value() {
    return value;
  }
}

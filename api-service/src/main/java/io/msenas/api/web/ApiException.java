package io.msenas.api.web;

import org.springframework.http.HttpStatus;

/**
 * Base of the service's errors: each carries its HTTP status and a problem type, so that one advice
 * maps every subclass to RFC 9457 problem details by type, never by exact class.
 */
public abstract class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String title;

  protected ApiException(HttpStatus status, String type, String title, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  /** Short problem type, resolved against {@code https://mse-nas.io/problems/}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }
}

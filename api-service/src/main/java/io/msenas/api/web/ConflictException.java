package io.msenas.api.web;

import org.springframework.http.HttpStatus;

/**
 * The request conflicts with the resource's state (an idempotency key reused with another body,
 * ...).
 */
public final class ConflictException extends ApiException {

  public ConflictException(String type, String detail) {
    super(HttpStatus.CONFLICT, type, "Conflict", detail);
  }
}

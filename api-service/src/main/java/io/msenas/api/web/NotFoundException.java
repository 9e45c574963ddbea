package io.msenas.api.web;

import org.springframework.http.HttpStatus;

/** The resource does not exist, or belongs to another tenant (the same answer, on purpose). */
public final class NotFoundException extends ApiException {

  public NotFoundException(String what, Object id) {
    super(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist");
  }
}

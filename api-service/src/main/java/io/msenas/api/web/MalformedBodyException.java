package io.msenas.api.web;

import io.msenas.api.search.FieldViolation;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A body that is JSON but not of the documented shape: an unknown field, a wrong type. */
public final class MalformedBodyException extends ApiException {

  private final FieldViolation violation;

  public MalformedBodyException(String type, String title, FieldViolation violation) {
    super(
        HttpStatus.BAD_REQUEST,
        type,
        title,
        violation.field() == null
            ? violation.message()
            : "field '"
                + violation.field()
                + "' = "
                + violation.value()
                + ": "
                + violation.message());
    this.violation = violation;
  }

  public List<FieldViolation> violations() {
    return List.of(violation);
  }
}

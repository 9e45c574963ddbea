package io.msenas.api.search;

import io.msenas.api.web.ApiException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** A search spec with invalid fields: nothing is stored. */
public final class InvalidSpecException extends ApiException {

  private final List<FieldViolation> violations;

  public InvalidSpecException(List<FieldViolation> violations) {
    super(
        HttpStatus.BAD_REQUEST,
        "invalid-search-spec",
        "Invalid search spec",
        violations.stream()
            .map(v -> v.field() + " = " + v.value() + ": " + v.message())
            .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}

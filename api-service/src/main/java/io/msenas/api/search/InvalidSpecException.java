package io.msenas.api.search;

import io.msenas.api.web.ApiException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** A search or training spec with invalid fields: nothing is stored. */
public final class InvalidSpecException extends ApiException {

  private final List<FieldViolation> violations;

  /** Invalid fields of a search spec ({@code invalid-search-spec}). */
  public InvalidSpecException(List<FieldViolation> violations) {
    this("invalid-search-spec", "Invalid search spec", violations);
  }

  /**
   * Invalid fields of another kind of spec.
   *
   * @param type the problem type's last path segment, e.g. {@code invalid-training-spec}
   * @param title the problem's title
   * @param violations every invalid field
   */
  public InvalidSpecException(String type, String title, List<FieldViolation> violations) {
    super(
        HttpStatus.BAD_REQUEST,
        type,
        title,
        violations.stream()
            .map(v -> v.field() + " = " + v.value() + ": " + v.message())
            .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}

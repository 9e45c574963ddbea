package io.msenas.api.web;

import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps errors to RFC 9457 problem details ({@code application/problem+json}) that name the field
 * and value.
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
  private static final String TYPE_BASE = "https://mse-nas.io/problems/";

  @ExceptionHandler(ApiException.class)
  ProblemDetail api(ApiException e) {
    ProblemDetail problem = problem(e.status(), e.type(), e.title(), e.getMessage());
    if (e instanceof InvalidSpecException invalid) {
      problem.setProperty("errors", errors(invalid.violations()));
    } else if (e instanceof BadRequestException bad) {
      problem.setProperty(
          "errors",
          errors(List.of(new FieldViolation(bad.field(), bad.value(), bad.getMessage()))));
    }
    return problem;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      ProblemDetail problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "unknown-field",
              "Unknown field",
              "unknown field '"
                  + unknown.getPropertyName()
                  + "'; known fields: "
                  + unknown.getKnownPropertyIds());
      problem.setProperty(
          "errors",
          errors(List.of(new FieldViolation(unknown.getPropertyName(), null, "unknown field"))));
      return problem;
    }
    if (cause instanceof DatabindException databind) {
      String field =
          databind.getPath().isEmpty()
              ? null
              : databind.getPath().get(databind.getPath().size() - 1).getPropertyName();
      ProblemDetail problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "malformed-body",
              "Malformed request body",
              (field == null ? "" : "field '" + field + "': ") + databind.getOriginalMessage());
      if (field != null) {
        problem.setProperty(
            "errors", errors(List.of(new FieldViolation(field, null, "wrong type or format"))));
      }
      return problem;
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        "malformed-body",
        "Malformed request body",
        "the body is not valid JSON: " + cause.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            "Invalid parameter",
            e.getName()
                + " = "
                + e.getValue()
                + ": not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()));
    problem.setProperty(
        "errors", errors(List.of(new FieldViolation(e.getName(), e.getValue(), "wrong type"))));
    return problem;
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ProblemDetail missingHeader(MissingRequestHeaderException e) {
    return problem(HttpStatus.BAD_REQUEST, "missing-header", "Missing header", e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ProblemDetail noResource(NoResourceFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    log.error("unexpected error", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        "an unexpected error occurred; it has been logged");
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + type));
    problem.setTitle(title);
    return problem;
  }

  private static List<Map<String, Object>> errors(List<FieldViolation> violations) {
    return violations.stream()
        .map(
            v -> {
              Map<String, Object> error = new java.util.LinkedHashMap<>();
              error.put("field", v.field());
              error.put("value", v.value());
              error.put("message", v.message());
              return error;
            })
        .toList();
  }
}

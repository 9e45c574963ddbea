package io.msenas.api.web;

import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps errors to RFC 9457 problem details ({@code application/problem+json}) that name the field
 * and value.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetailsAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
  private static final String TYPE_BASE = "https://mse-nas.io/problems/";

  @ExceptionHandler(ApiException.class)
  ProblemDetail api(ApiException e) {
    ProblemDetail problem = problem(e.status(), e.type(), e.title(), e.getMessage());
    if (e instanceof InvalidSpecException invalid) {
      problem.setProperty("errors", errors(invalid.violations()));
    } else if (e instanceof MalformedBodyException malformed) {
      problem.setProperty("errors", errors(malformed.violations()));
    } else if (e instanceof BadRequestException bad) {
      problem.setProperty(
          "errors",
          errors(List.of(new FieldViolation(bad.field(), bad.value(), bad.getMessage()))));
    }
    return problem;
  }

  /**
   * A body that is not JSON at all (or is empty). Bodies that are JSON are bound by {@link
   * RequestBodies}, which names the field and the value of a binding error.
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    String message = "the body is not a JSON object of the documented shape";
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", message);
    problem.setProperty("errors", errors(List.of(new FieldViolation(null, null, message))));
    return problem;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    String expected = "expected " + expected(e);
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            "Invalid parameter",
            e.getName() + " = " + e.getValue() + ": " + expected);
    problem.setProperty(
        "errors", errors(List.of(new FieldViolation(e.getName(), e.getValue(), expected))));
    return problem;
  }

  /**
   * What a path or query parameter should have been: {@code a UUID}, {@code an integer within
   * range}, or the valid values of an enum (of each value, for a repeatable parameter such as
   * {@code ?status=}).
   */
  static String expected(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    MethodParameter parameter = e.getParameter();
    if (parameter != null) {
      ResolvableType declared = ResolvableType.forMethodParameter(parameter);
      ResolvableType element =
          declared.isArray() ? declared.getComponentType() : declared.asCollection().getGeneric();
      Class<?> resolved = element.resolve(declared.resolve());
      if (resolved != null) {
        type = resolved;
      }
    }
    return RequestBodies.describe(type);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    return problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported media type",
        "Content-Type " + e.getContentType() + " is not supported; send application/json");
  }

  /**
   * An {@code Accept} that allows nothing the service sends. The problem is written as {@code
   * application/problem+json} all the same (Spring falls back to it for a {@link ProblemDetail}),
   * which a client cannot be served in any type it asked for.
   */
  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return problem(
        HttpStatus.NOT_ACCEPTABLE,
        "not-acceptable",
        "Not acceptable",
        "the Accept header allows none of " + e.getSupportedMediaTypes());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  org.springframework.http.ResponseEntity<ProblemDetail> methodNotAllowed(
      HttpRequestMethodNotSupportedException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
            e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods());
    var response = org.springframework.http.ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
    if (e.getSupportedHttpMethods() != null) {
      response.allow(
          e.getSupportedHttpMethods().toArray(new org.springframework.http.HttpMethod[0]));
    }
    return response.body(problem);
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

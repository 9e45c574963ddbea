package io.msenas.api.web;

import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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
      Object value = null;
      if (unknown.processor() instanceof JsonParser parser) {
        // the parser stands on the unknown name; its value is the next token
        try {
          parser.nextToken();
          value = currentScalar(parser);
        } catch (RuntimeException ignored) {
          value = null;
        }
      }
      problem.setProperty(
          "errors",
          errors(List.of(new FieldViolation(unknown.getPropertyName(), value, "unknown field"))));
      return problem;
    }
    String field = null;
    Object value = null;
    String expected = null;
    if (cause instanceof InvalidFormatException invalid) {
      value = invalid.getValue();
      expected = describe(invalid.getTargetType());
    } else if (cause instanceof MismatchedInputException mismatched) {
      expected = describe(mismatched.getTargetType());
    }
    if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      field = databind.getPath().get(databind.getPath().size() - 1).getPropertyName();
      if (value == null && databind.processor() instanceof JsonParser parser) {
        value = currentScalar(parser);
      }
    } else if (cause instanceof InputCoercionException coercion) {
      // a number too large for its field: the parser still stands on it
      JsonParser parser = coercion.processor();
      if (parser != null) {
        field = parser.currentName();
        value = currentScalar(parser);
      }
      expected = "a number within " + describe(coercion.getTargetType()) + " range";
    }
    String detail;
    String message;
    if (field != null) {
      message = expected == null ? "wrong type or format" : "expected " + expected;
      detail = "field '" + field + "'" + (value == null ? "" : " = " + value) + ": " + message;
    } else {
      message = "the body is not a JSON object of the documented shape";
      detail = message;
    }
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
    problem.setProperty("errors", errors(List.of(new FieldViolation(field, value, message))));
    return problem;
  }

  /**
   * The scalar the parser stands on, as the client sent it (a number stays a number); else null.
   */
  private static Object currentScalar(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return null;
    }
    return switch (token) {
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new java.math.BigDecimal(parser.getString());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  /** A type as a client knows it, never a Java class name. */
  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            "Invalid parameter",
            e.getName() + " = " + e.getValue() + ": expected " + describe(e.getRequiredType()));
    problem.setProperty(
        "errors", errors(List.of(new FieldViolation(e.getName(), e.getValue(), "wrong type"))));
    return problem;
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    return problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported media type",
        "Content-Type " + e.getContentType() + " is not supported; send application/json");
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

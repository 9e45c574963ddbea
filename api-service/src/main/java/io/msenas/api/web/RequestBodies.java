package io.msenas.api.web;

import io.msenas.api.search.FieldViolation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds request bodies from a JSON tree, so that an error can quote the value the client sent (the
 * streaming parser has moved past it by the time binding fails).
 */
public final class RequestBodies {

  private RequestBodies() {}

  /** The body as {@code type}, read with the service's strict settings. */
  public static <T> T bind(JsonMapper json, JsonNode body, Class<T> type) {
    if (body == null || !body.isObject()) {
      throw new MalformedBodyException(
          "malformed-body",
          "Malformed request body",
          new FieldViolation(null, null, "the body must be a JSON object"));
    }
    try {
      return json.treeToValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      String field = field(e.getPath());
      throw new MalformedBodyException(
          "unknown-field",
          "Unknown field",
          new FieldViolation(
              field == null ? e.getPropertyName() : field,
              scalar(body.at(pointer(e.getPath()))),
              "unknown field; known: " + e.getKnownPropertyIds()));
    } catch (JacksonException e) {
      List<JacksonException.Reference> path = e.getPath();
      String field = field(path);
      if (field == null) {
        // a number out of its type's range, reported without a path: the tree still has it
        Map.Entry<String, JsonNode> outOfRange = firstOutOfRange(body);
        if (outOfRange != null) {
          throw new MalformedBodyException(
              "malformed-body",
              "Malformed request body",
              new FieldViolation(
                  outOfRange.getKey(),
                  scalar(outOfRange.getValue()),
                  "expected an integer within range"));
        }
        throw new MalformedBodyException(
            "malformed-body",
            "Malformed request body",
            new FieldViolation(null, null, "the body does not match the documented shape"));
      }
      throw new MalformedBodyException(
          "malformed-body",
          "Malformed request body",
          new FieldViolation(field, scalar(body.at(pointer(path))), "expected " + expected(e)));
    }
  }

  /** What the value at the error's path should have been, as a client knows it. */
  private static String expected(JacksonException e) {
    if (e instanceof MismatchedInputException m) {
      return describe(m.getTargetType());
    }
    if (e instanceof InputCoercionException c) {
      return describe(c.getTargetType());
    }
    return "another value";
  }

  /**
   * The field an error is about, as a client writes it: {@code source.searchId}, {@code
   * genome.genes[1]}; null when the error has no path (the body as a whole).
   */
  static String field(List<JacksonException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JacksonException.Reference reference : path) {
      if (reference.getPropertyName() != null) {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      } else {
        return null;
      }
    }
    return field.length() == 0 ? null : field.toString();
  }

  /** The JSON pointer (RFC 6901) of an error's path. */
  static String pointer(List<JacksonException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JacksonException.Reference reference : path) {
      pointer.append('/');
      if (reference.getPropertyName() != null) {
        pointer.append(reference.getPropertyName().replace("~", "~0").replace("/", "~1"));
      } else {
        pointer.append(reference.getIndex());
      }
    }
    return pointer.toString();
  }

  private static Map.Entry<String, JsonNode> firstOutOfRange(JsonNode body) {
    for (var property : body.properties()) {
      JsonNode value = property.getValue();
      if (value.isIntegralNumber() && !value.canConvertToInt()) {
        return property;
      }
    }
    return null;
  }

  /**
   * A JSON value as the client sent it: a number stays a number, a string a string, an object or
   * array the same JSON; null when absent.
   */
  static Object scalar(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isString()) {
      return node.stringValue();
    }
    return node;
  }

  /** A type as a client knows it, never a Java class name. */
  static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == BigInteger.class) {
      return "an integer within range";
    }
    if (type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }
}

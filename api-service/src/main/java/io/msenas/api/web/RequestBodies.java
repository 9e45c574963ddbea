package io.msenas.api.web;

import io.msenas.api.search.FieldViolation;
import java.util.Arrays;
import java.util.Collection;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
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
      String field = e.getPropertyName();
      throw new MalformedBodyException(
          "unknown-field",
          "Unknown field",
          new FieldViolation(
              field, scalar(body.get(field)), "unknown field; known: " + e.getKnownPropertyIds()));
    } catch (DatabindException e) {
      String field =
          e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getPropertyName();
      Object value = field == null ? null : scalar(body.get(field));
      String expected =
          e instanceof MismatchedInputException m ? describe(m.getTargetType()) : "another value";
      throw new MalformedBodyException(
          "malformed-body",
          "Malformed request body",
          new FieldViolation(field, value, "expected " + expected));
    } catch (JacksonException e) {
      // a number out of its type's range: the tree still has it
      for (var property : body.properties()) {
        JsonNode value = property.getValue();
        if (value.isIntegralNumber() && !value.canConvertToInt()) {
          throw new MalformedBodyException(
              "malformed-body",
              "Malformed request body",
              new FieldViolation(
                  property.getKey(), scalar(value), "expected an integer within range"));
        }
      }
      throw new MalformedBodyException(
          "malformed-body",
          "Malformed request body",
          new FieldViolation(null, null, "the body does not match the documented shape"));
    }
  }

  /** A JSON value as the client sent it: a number stays a number, a string a string. */
  static Object scalar(JsonNode node) {
    if (node == null || node.isNull()) {
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
    return node.toString();
  }

  /** A type as a client knows it, never a Java class name. */
  static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer within range";
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
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }
}

package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.GatewayException;

/**
 * Typed reads of request fields. Every failure is a {@link GatewayException} of kind
 * {@code INVALID_REQUEST} whose message and {@code param} name the full path of the field
 * ({@code messages[3].content[1].type}). An absent field and a JSON {@code null} are the same.
 */
final class Fields {
  private Fields() {}

  static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  static boolean present(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  static ObjectNode object(JsonNode value, String path) {
    if (value == null || !value.isObject()) {
      throw wrongType(path, "an object", value);
    }
    return (ObjectNode) value;
  }

  static String requiredString(JsonNode parent, String name, String parentPath) {
    String path = path(parentPath, name);
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      throw missing(path);
    }
    if (!v.isTextual()) {
      throw wrongType(path, "a string", v);
    }
    return v.asText();
  }

  /** The string value, or {@code null} when absent. */
  static String optionalString(JsonNode parent, String name, String parentPath) {
    return present(parent, name) ? requiredString(parent, name, parentPath) : null;
  }

  static ArrayNode requiredArray(JsonNode parent, String name, String parentPath) {
    String path = path(parentPath, name);
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      throw missing(path);
    }
    if (!v.isArray()) {
      throw wrongType(path, "an array", v);
    }
    return (ArrayNode) v;
  }

  static ObjectNode requiredObject(JsonNode parent, String name, String parentPath) {
    String path = path(parentPath, name);
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      throw missing(path);
    }
    return object(v, path);
  }

  static boolean optionalBoolean(
      JsonNode parent, String name, String parentPath, boolean fallback) {
    if (!present(parent, name)) {
      return fallback;
    }
    JsonNode v = parent.get(name);
    if (!v.isBoolean()) {
      throw wrongType(path(parentPath, name), "a boolean", v);
    }
    return v.booleanValue();
  }

  /**
   * An integer in {@code [min, Integer.MAX_VALUE]}; a fractional or out-of-range number is
   * rejected.
   */
  static int requiredInt(JsonNode parent, String name, String parentPath, int min) {
    String path = path(parentPath, name);
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      throw missing(path);
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(path, "an integer", v);
    }
    if (v.intValue() < min) {
      throw GatewayException.invalid(
          path + ": must be at least " + min + ", got " + v.intValue(), path);
    }
    return v.intValue();
  }

  static GatewayException missing(String path) {
    return GatewayException.invalid(path + ": field required", path);
  }

  static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return GatewayException.invalid(
        path + ": must be " + expected + ", got " + describe(actual), path);
  }

  /** Names a node's JSON type, never its value (the value may be large or private). */
  static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    return "an object";
  }
}

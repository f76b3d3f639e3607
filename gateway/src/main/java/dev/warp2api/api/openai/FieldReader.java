package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.GatewayException;
import java.util.Locale;

/**
 * Typed reads of JSON fields that fail with a 400 naming the field's path
 * ({@code messages[2].content}). A field that is absent or JSON {@code null} counts as missing.
 * Shared by the OpenAI dialects (Chat Completions and Responses). Stateless.
 */
public final class FieldReader {
  private FieldReader() {}

  public static String path(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  public static boolean isMissing(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  public static GatewayException invalid(String path, String problem) {
    return GatewayException.invalid("`" + path + "` " + problem, path);
  }

  public static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return invalid(path, "must be " + expected + ", got " + kindOf(actual));
  }

  /** The object itself; a 400 if {@code node} is missing or not an object. */
  public static JsonNode requireObject(JsonNode node, String path) {
    if (isMissing(node)) {
      throw invalid(path, "is required");
    }
    if (!node.isObject()) {
      throw wrongType(path, "an object", node);
    }
    return node;
  }

  public static String requiredString(JsonNode parent, String field, String parentPath) {
    String p = path(parentPath, field);
    JsonNode node = parent.get(field);
    if (isMissing(node)) {
      throw invalid(p, "is required");
    }
    if (!node.isTextual()) {
      throw wrongType(p, "a string", node);
    }
    return node.asText();
  }

  /** The string value, or null when absent or null. */
  public static String optionalString(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (isMissing(node)) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(path(parentPath, field), "a string", node);
    }
    return node.asText();
  }

  public static boolean optionalBoolean(
      JsonNode parent, String field, String parentPath, boolean otherwise) {
    JsonNode node = parent.get(field);
    if (isMissing(node)) {
      return otherwise;
    }
    if (!node.isBoolean()) {
      throw wrongType(path(parentPath, field), "a boolean", node);
    }
    return node.booleanValue();
  }

  /** A positive integer that fits an {@code int}, or null when absent. */
  public static Integer optionalPositiveInt(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (isMissing(node)) {
      return null;
    }
    String p = path(parentPath, field);
    if (!node.isIntegralNumber()) {
      throw wrongType(p, "an integer", node);
    }
    if (!node.canConvertToInt() || node.intValue() < 1) {
      throw invalid(p, "must be between 1 and " + Integer.MAX_VALUE + ", got " + node.asText());
    }
    return node.intValue();
  }

  /** The array, or null when absent; a 400 if present and not an array. */
  public static JsonNode optionalArray(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (isMissing(node)) {
      return null;
    }
    if (!node.isArray()) {
      throw wrongType(path(parentPath, field), "an array", node);
    }
    return node;
  }

  public static String kindOf(JsonNode node) {
    if (isMissing(node)) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case BINARY, MISSING, NULL, POJO -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}

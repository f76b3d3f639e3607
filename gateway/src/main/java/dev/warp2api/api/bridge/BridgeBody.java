package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.RequestJson;
import dev.warp2api.core.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.util.Base64;
import java.util.Locale;

/**
 * Reading the JSON bodies of the bridge routes: an object, its string fields, base64 values.
 * Stateless.
 */
final class BridgeBody {
  static final ObjectMapper JSON = new ObjectMapper();

  private BridgeBody() {}

  /**
   * The body as a JSON object.
   *
   * @throws GatewayException INVALID_REQUEST when the body is empty, not JSON, or not an object
   */
  static ObjectNode object(Buffer body) {
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      throw GatewayException.invalid(
          "the packet is empty: the request body must be a JSON object", null);
    }
    JsonNode tree = RequestJson.tree(body.getBytes());
    if (tree == null || !tree.isObject()) {
      throw GatewayException.invalid(
          "the request body must be a JSON object, not " + kind(tree), null);
    }
    return (ObjectNode) tree;
  }

  /** A string field, or {@code fallback} when absent or null. */
  static String text(ObjectNode body, String field, String fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw GatewayException.invalid(field + ": expected a string but got " + kind(value), field);
    }
    return value.textValue();
  }

  /**
   * Decodes base64 in the standard or url-safe alphabet, padded or not; surrounding whitespace is
   * ignored.
   *
   * @param path the field named in errors
   * @throws GatewayException INVALID_REQUEST when the text is empty or not base64
   */
  static byte[] base64(String text, String path) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw GatewayException.invalid(path + " is empty", path);
    }
    try {
      return Base64.getDecoder().decode(trimmed.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid(
          path + " is not valid base64 (standard or url-safe alphabet)", path);
    }
  }

  /** A short name of a JSON value's kind for error messages; never the value itself. */
  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case BINARY, MISSING -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}

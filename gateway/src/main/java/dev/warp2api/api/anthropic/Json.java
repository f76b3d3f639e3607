package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON mapper of this package: compact output, insertion-ordered objects. Thread-safe. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /**
   * One server-sent event: {@code event: <name>\ndata: <json>\n\n}; the json's {@code type} is the
   * name.
   */
  static String sse(ObjectNode data) {
    return "event: " + data.get("type").asText() + "\ndata: " + write(data) + "\n\n";
  }
}

package dev.warp2api.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.TokenEstimator;

/** Compact JSON writing and the small objects both response shapes share. Thread-safe. */
final class OpenAiJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OpenAiJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Compact JSON text, non-ASCII kept as is. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /** One server-sent event carrying {@code node}: {@code data: <json>\n\n}. */
  static String event(JsonNode node) {
    return "data: " + write(node) + "\n\n";
  }

  static ObjectNode usage(TokenEstimator.Counts counts) {
    ObjectNode usage = object();
    usage.put("prompt_tokens", counts.promptTokens());
    usage.put("completion_tokens", counts.completionTokens());
    usage.put("total_tokens", counts.totalTokens());
    return usage;
  }
}

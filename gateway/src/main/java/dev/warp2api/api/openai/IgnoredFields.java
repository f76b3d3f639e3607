package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.FieldReader.index;
import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.kindOf;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The documented Chat Completions fields the gateway accepts and ignores (Warp cannot honour them):
 * each must still have the type OpenAI documents, or it is a 400 naming it, as OpenAI answers. JSON
 * {@code null} counts as absent; values and ranges are not checked; unknown fields are never looked
 * at. Stateless.
 */
final class IgnoredFields {
  private enum Kind {
    NUMBER("a number"),
    INTEGER("an integer"),
    BOOLEAN("a boolean"),
    STRING("a string"),
    OBJECT("an object"),
    STRING_OR_STRINGS("a string or an array of strings"),
    STRINGS("an array of strings"),
    NUMBER_MAP("an object of numbers"),
    STRING_MAP("an object of strings");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  private static final List<Map.Entry<String, Kind>> FIELDS = List.of(
      Map.entry("temperature", Kind.NUMBER),
      Map.entry("top_p", Kind.NUMBER),
      Map.entry("presence_penalty", Kind.NUMBER),
      Map.entry("frequency_penalty", Kind.NUMBER),
      Map.entry("seed", Kind.INTEGER),
      Map.entry("top_logprobs", Kind.INTEGER),
      Map.entry("stop", Kind.STRING_OR_STRINGS),
      Map.entry("logit_bias", Kind.NUMBER_MAP),
      Map.entry("user", Kind.STRING),
      Map.entry("service_tier", Kind.STRING),
      Map.entry("response_format", Kind.OBJECT),
      Map.entry("prediction", Kind.OBJECT),
      Map.entry("audio", Kind.OBJECT),
      Map.entry("metadata", Kind.STRING_MAP),
      Map.entry("modalities", Kind.STRINGS),
      Map.entry("parallel_tool_calls", Kind.BOOLEAN),
      Map.entry("logprobs", Kind.BOOLEAN),
      Map.entry("store", Kind.BOOLEAN));

  private IgnoredFields() {}

  /** A 400 naming the first ignored field (or its element) of the wrong type. */
  static void check(JsonNode body) {
    FIELDS.forEach(e -> check(e.getKey(), e.getValue(), body.get(e.getKey())));
  }

  private static void check(String field, Kind kind, JsonNode node) {
    if (isMissing(node)) {
      return;
    }
    boolean ok = switch (kind) {
      case NUMBER -> node.isNumber();
      case INTEGER -> node.isIntegralNumber();
      case BOOLEAN -> node.isBoolean();
      case STRING -> node.isTextual();
      case OBJECT, NUMBER_MAP, STRING_MAP -> node.isObject();
      case STRING_OR_STRINGS -> node.isTextual() || node.isArray();
      case STRINGS -> node.isArray();
    };
    if (!ok) {
      throw wrongType(field, kind.expected, node);
    }
    switch (kind) {
      case STRING_OR_STRINGS, STRINGS -> {
        for (int i = 0; i < node.size(); i++) {
          if (!node.get(i).isTextual()) {
            throw wrongType(index(field, i), "a string", node.get(i));
          }
        }
      }
      case NUMBER_MAP, STRING_MAP -> {
        // The key is not named: it comes from the body.
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          if (kind == Kind.NUMBER_MAP ? !e.getValue().isNumber() : !e.getValue().isTextual()) {
            throw invalid(
                field,
                "must be " + kind.expected + ", got a value that is " + kindOf(e.getValue()));
          }
        }
      }
      case NUMBER, INTEGER, BOOLEAN, STRING, OBJECT -> {} // the type check above is all
    }
  }
}

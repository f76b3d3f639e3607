package dev.warp2api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of request bodies for property tests: JSON of random shapes, types, nesting and
 * unicode, keyed mostly by the fields the dialects read so that bodies get past the first checks
 * and go deep; text that is JSON, half of it or none; values nested hundreds of levels.
 */
public final class JsonArbitraries {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonArbitraries() {}

  /** The field names the dialects read, at any level, so that generated bodies go deep. */
  public static final List<String> FIELDS = List.of(
      "model",
      "messages",
      "role",
      "content",
      "type",
      "text",
      "name",
      "tools",
      "tool_choice",
      "tool_calls",
      "tool_call_id",
      "tool_use_id",
      "function",
      "arguments",
      "parameters",
      "input_schema",
      "properties",
      "input",
      "id",
      "system",
      "stream",
      "stream_options",
      "include_usage",
      "max_tokens",
      "max_completion_tokens",
      "max_output_tokens",
      "temperature",
      "thinking",
      "budget_tokens",
      "image_url",
      "url",
      "source",
      "data",
      "media_type",
      "instructions",
      "output",
      "call_id",
      "summary",
      "reasoning",
      "store",
      "previous_response_id",
      "metadata",
      "is_error",
      "cache_control",
      "response_format",
      "json_schema",
      "schema",
      "format",
      "namespace",
      "disable_parallel_tool_use",
      "parallel_tool_calls");

  /** Values the dialects give meaning to, mixed with arbitrary text. */
  public static final List<String> WORDS = List.of(
      "user",
      "assistant",
      "system",
      "developer",
      "tool",
      "function",
      "text",
      "image",
      "image_url",
      "input_text",
      "output_text",
      "input_image",
      "tool_use",
      "tool_result",
      "thinking",
      "function_call",
      "function_call_output",
      "custom",
      "custom_tool_call",
      "message",
      "reasoning",
      "base64",
      "image/png",
      "auto",
      "any",
      "none",
      "required",
      "enabled",
      "object",
      "string",
      "claude-4-5-sonnet",
      "claude-sonnet-4-5",
      "gpt-5",
      "auto-efficient",
      "data:image/png;base64,iVBORw0KGgo=",
      "{\"a\":1}",
      "");

  /** A JSON object with a model and up to eight more fields of any value. */
  public static Arbitrary<JsonNode> bodies() {
    Arbitrary<JsonNode> value = json(4);
    Arbitrary<String> key = Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    return Arbitraries.maps(key, value).ofMaxSize(8).map(fields -> {
      ObjectNode body = NODES.objectNode();
      body.put("model", "claude-sonnet-4-5");
      fields.forEach(body::set);
      return body;
    });
  }

  /** Any text, a generated body cut in half, or a whole generated body. */
  public static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        bodies().map(JsonNode::toString).map(s -> s.substring(0, s.length() / 2)),
        bodies().map(JsonNode::toString));
  }

  /** A value nested {@code min} to {@code max} levels, objects and arrays alternating. */
  public static Arbitrary<JsonNode> deep(int min, int max) {
    return Arbitraries.integers().between(min, max).map(levels -> {
      JsonNode node = NODES.textNode("bottom");
      for (int i = 0; i < levels; i++) {
        node = i % 2 == 0
            ? NODES.objectNode().set("properties", node)
            : NODES.arrayNode().add(node);
      }
      return node;
    });
  }

  /** Any JSON value up to {@code depth} levels, objects keyed mostly by the dialects' fields. */
  public static Arbitrary<JsonNode> json(int depth) {
    return json(depth, FIELDS);
  }

  /** Any JSON value up to {@code depth} levels, objects keyed mostly by {@code fields}. */
  public static Arbitrary<JsonNode> json(int depth, List<String> fields) {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.of(WORDS).map(NODES::textNode),
        Arbitraries.strings().ofMaxLength(24).map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> inner = json(depth - 1, fields);
    Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
      ArrayNode a = NODES.arrayNode();
      items.forEach(a::add);
      return a;
    });
    Arbitrary<String> key = Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.of(fields)), Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    Arbitrary<JsonNode> object = Arbitraries.maps(key, inner).ofMaxSize(5).map(entries -> {
      ObjectNode o = NODES.objectNode();
      entries.forEach(o::set);
      return o;
    });
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, array), Tuple.of(3, object));
  }
}

package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.GatewayException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How deep a JSON value may nest to travel to Warp as a {@code google.protobuf.Struct} (tool input
 * schemas, tool-call arguments, {@code tool_use} input, the bridge's {@code Struct} fields).
 *
 * <p>Why {@value #MAX_LEVELS}: protobuf parsers stop at 100 nested messages by default, and in a
 * {@code Struct} each JSON object level costs three (Value, Struct, map entry), each array level
 * two. At the deepest place the gateway puts one
 * ({@code Request.task_context.tasks.messages.tool_call.call_mcp_tool.args}, seven messages down),
 * 31 object levels still parse and 32 do not; 30 keeps one level of margin, and arrays are counted
 * like objects. Real tool schemas nest well under ten levels. A deeper value is a 400 naming the
 * field, decided before any translation, so no recursive walk ever meets it. Thread-safe.
 */
public final class StructDepth {
  /** The deepest nesting accepted: {@code {}} and {@code []} are one level, a scalar none. */
  public static final int MAX_LEVELS = 30;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxNestingDepth(Integer.MAX_VALUE)
          .build()) // counted here, never recursed into
      .build();

  private StructDepth() {}

  /** The nesting depth of {@code node}, walked without recursion. */
  public static int of(JsonNode node) {
    int deepest = 0;
    Deque<JsonNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(node);
    depths.push(0);
    while (!nodes.isEmpty()) {
      JsonNode n = nodes.pop();
      int d = depths.pop();
      if (n != null && n.isContainerNode()) {
        deepest = Math.max(deepest, d + 1);
        for (JsonNode child : n) {
          nodes.push(child);
          depths.push(d + 1);
        }
      }
    }
    return deepest;
  }

  /**
   * The nesting depth of a JSON text, read as a token stream; 0 when it is not JSON (such text
   * travels as a string).
   */
  public static int ofText(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      int depth = 0;
      int deepest = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructStart()) {
          deepest = Math.max(deepest, ++depth);
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
      return deepest;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * @param field the field as the client named it, e.g. {@code tools[0].function.parameters}
   * @throws GatewayException INVALID_REQUEST naming {@code field} when {@code value} nests deeper
   *     than {@link #MAX_LEVELS}
   */
  public static void require(JsonNode value, String field) {
    int depth = of(value);
    if (depth > MAX_LEVELS) {
      throw tooDeep(field, depth);
    }
  }

  /** {@link #require} for a JSON text, such as OpenAI's tool-call {@code arguments}. */
  public static void requireText(String json, String field) {
    int depth = ofText(json);
    if (depth > MAX_LEVELS) {
      throw tooDeep(field, depth);
    }
  }

  static GatewayException tooDeep(String field, int depth) {
    return GatewayException.invalid(
        "`" + field + "` is nested " + depth + " levels deep; at most " + MAX_LEVELS
            + " levels can be carried to Warp (as a protobuf Struct).",
        field);
  }
}

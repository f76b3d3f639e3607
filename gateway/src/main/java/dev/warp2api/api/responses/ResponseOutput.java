package dev.warp2api.api.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.TokenEstimator;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The output of one response as it grows, and the response object around it; shared by the stream
 * renderer and the aggregator so both answer with the same object. One instance per response, not
 * thread-safe.
 */
final class ResponseOutput {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final ParsedResponse request;
  final String id;
  final long createdAt;
  private final long promptEstimate;
  private final Consumer<Finished> onFinished;
  private final List<ObjectNode> items = new ArrayList<>();
  private long outputChars;
  private long reasoningChars;
  private boolean anyToolCall;

  /** A finished response: the object, and the request it answers (for the store). */
  record Finished(ParsedResponse request, ObjectNode response) {}

  /**
   * @param id the response's id ({@code resp_...})
   * @param onFinished told about the response once it ended (completed, incomplete or failed)
   */
  ResponseOutput(ParsedResponse request, String id, Clock clock, Consumer<Finished> onFinished) {
    this.request = Objects.requireNonNull(request, "request");
    this.id = Objects.requireNonNull(id, "id");
    this.createdAt = clock.instant().getEpochSecond();
    this.promptEstimate = TokenEstimator.ofRequest(request.chat());
    this.onFinished = onFinished;
  }

  int size() {
    return items.size();
  }

  void countOutput(String text) {
    outputChars += text.length();
  }

  void countReasoning(String text) {
    reasoningChars += text.length();
    outputChars += text.length();
  }

  boolean anyOutput() {
    return outputChars > 0;
  }

  boolean anyToolCall() {
    return anyToolCall;
  }

  /** Adds a finished item; returns its {@code output_index}. */
  int add(ObjectNode item) {
    String type = item.path("type").asText();
    anyToolCall |= type.equals("function_call") || type.equals("custom_tool_call");
    items.add(item);
    return items.size() - 1;
  }

  static ObjectNode message(String itemId, String status, String text) {
    ObjectNode m = NODES.objectNode();
    m.put("id", itemId);
    m.put("type", "message");
    m.put("status", status);
    m.put("role", "assistant");
    ArrayNode content = m.putArray("content");
    if (text != null) {
      content.add(textPart(text));
    }
    return m;
  }

  static ObjectNode textPart(String text) {
    ObjectNode part = NODES.objectNode();
    part.put("type", "output_text");
    part.putArray("annotations");
    part.putArray("logprobs");
    part.put("text", text);
    return part;
  }

  static ObjectNode reasoning(String itemId, String text) {
    ObjectNode r = NODES.objectNode();
    r.put("id", itemId);
    r.put("type", "reasoning");
    ArrayNode summary = r.putArray("summary");
    if (text != null) {
      summary.add(summaryPart(text));
    }
    return r;
  }

  static ObjectNode summaryPart(String text) {
    return NODES.objectNode().put("type", "summary_text").put("text", text);
  }

  /**
   * The item for a tool call as the client declared the tool: a {@code function_call} (with
   * {@code namespace} for a nested function) or a {@code custom_tool_call} whose {@code input} is
   * the one string Warp's call carries. {@code done} false gives the opening form (empty arguments
   * or input).
   */
  ObjectNode call(String itemId, ToolCall call, boolean done) {
    ToolNames.Declared declared = request.names().of(call.name());
    ObjectNode c = NODES.objectNode();
    c.put("id", itemId);
    if (declared.kind() == ToolNames.Kind.CUSTOM) {
      c.put("type", "custom_tool_call");
      c.put("status", done ? "completed" : "in_progress");
      c.put("call_id", call.id());
      c.put("input", done ? customInput(call) : "");
    } else {
      c.put("type", "function_call");
      c.put("status", done ? "completed" : "in_progress");
      c.put("arguments", done ? call.argumentsJson() : "");
      c.put("call_id", call.id());
    }
    c.put("name", declared.name());
    if (declared.namespace() != null) {
      c.put("namespace", declared.namespace());
    }
    return c;
  }

  boolean isCustom(ToolCall call) {
    return request.names().isCustom(call.name());
  }

  /**
   * A custom tool's input: the {@code input} string Warp's call carries, else its arguments as
   * sent.
   */
  static String customInput(ToolCall call) {
    try {
      JsonNode args = JSON.readTree(call.argumentsJson());
      JsonNode input = args == null ? null : args.get("input");
      if (input != null && input.isTextual()) {
        return input.asText();
      }
    } catch (JsonProcessingException e) {
      // not JSON: the text is the input
    }
    return call.argumentsJson();
  }

  /** The response object with the items so far and the given status. */
  ObjectNode response(String status, Terminal terminal, Usage reported) {
    ObjectNode r = NODES.objectNode();
    ObjectNode echo = request.echo();
    r.put("id", id);
    r.put("object", "response");
    r.put("created_at", createdAt);
    r.put("status", status);
    r.put("background", false);
    if (terminal instanceof Terminal.Failed f) {
      r.putObject("error").put("code", f.code()).put("message", f.message());
    } else {
      r.putNull("error");
    }
    if (terminal instanceof Terminal.Incomplete i) {
      r.putObject("incomplete_details").put("reason", i.reason());
    } else {
      r.putNull("incomplete_details");
    }
    r.set("instructions", echo.get("instructions"));
    r.set("max_output_tokens", echo.get("max_output_tokens"));
    r.set("model", echo.get("model"));
    ArrayNode output = r.putArray("output");
    items.forEach(output::add);
    r.set("parallel_tool_calls", echo.get("parallel_tool_calls"));
    r.set("previous_response_id", echo.get("previous_response_id"));
    r.set("reasoning", echo.get("reasoning"));
    r.set("store", echo.get("store"));
    r.set("temperature", echo.get("temperature"));
    r.putObject("text").putObject("format").put("type", "text");
    r.set("tool_choice", echo.get("tool_choice"));
    r.set("tools", echo.get("tools"));
    r.set("top_p", echo.get("top_p"));
    r.set("truncation", echo.get("truncation"));
    r.set("usage", terminal == null ? NODES.nullNode() : usage(reported));
    r.putNull("user");
    r.set("metadata", echo.get("metadata"));
    return r;
  }

  /**
   * {@code usage} with every detail field Codex CLI requires; Warp reports no cached or reasoning
   * split.
   */
  ObjectNode usage(Usage reported) {
    TokenEstimator.Counts counts = TokenEstimator.counts(reported, promptEstimate, outputChars);
    ObjectNode u = NODES.objectNode();
    u.put("input_tokens", counts.promptTokens());
    u.putObject("input_tokens_details").put("cached_tokens", 0);
    u.put("output_tokens", counts.completionTokens());
    long reasoningTokens = Math.min(counts.completionTokens(), (reasoningChars + 3) / 4);
    u.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
    u.put("total_tokens", counts.totalTokens());
    return u;
  }

  /** The final object; the store hears of it. */
  ObjectNode finish(Terminal terminal, Usage reported) {
    ObjectNode r = response(terminal.status(), terminal, reported);
    if (onFinished != null) {
      onFinished.accept(new Finished(request, r));
    }
    return r;
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }
}

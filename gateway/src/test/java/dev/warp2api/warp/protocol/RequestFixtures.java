package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import java.util.List;

/** Test fixtures: the three chats whose request bytes are pinned, and deterministic ids. */
final class RequestFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestFixtures() {}

  /** Ids 1, 2, 3 … shaped like UUIDs: {@code 00000000-0000-4000-8000-000000000001}. */
  static RequestIds sequentialIds() {
    int[] n = {0};
    return () -> String.format("00000000-0000-4000-8000-%012d", ++n[0]);
  }

  static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  static BuildOptions options() {
    return new BuildOptions(null, "", false, sequentialIds());
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final ToolSpec WEATHER = new ToolSpec(
      "get_weather",
      "Get weather for a city",
      json(
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
  static final ToolSpec TIME =
      new ToolSpec("get_time", "Current time", json("{\"properties\":{}}"));

  /** (a) a single "Hello" turn. */
  static ChatRequest hello() {
    return new ChatRequest(
        "claude-4-5-opus",
        null,
        List.of(ChatMessage.User.text("Hello")),
        List.of(),
        null,
        null,
        false);
  }

  /** (b) a tool-result turn: user, assistant tool call, tool result; one tool. */
  static ChatRequest toolResultTurn() {
    return new ChatRequest(
        "claude-4-5-sonnet",
        null,
        List.of(
            ChatMessage.User.text("Weather in Paris?"),
            new ChatMessage.Assistant(
                "", null, List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
            new ChatMessage.ToolResult("call_1", "18C sunny", false)),
        List.of(WEATHER),
        ToolChoice.AUTO,
        null,
        false);
  }

  /** (c) a system prompt and two tools. */
  static ChatRequest systemAndTwoTools() {
    return new ChatRequest(
        "auto",
        "Be brief.",
        List.of(ChatMessage.User.text("What time is it?")),
        List.of(WEATHER, TIME),
        ToolChoice.AUTO,
        null,
        false);
  }
}

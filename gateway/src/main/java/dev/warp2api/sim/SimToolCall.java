package dev.warp2api.sim;

import java.util.Objects;

/**
 * A tool call the simulated model makes: emitted as {@code tool_call{tool_call_id,
 * call_mcp_tool{name, args}}}.
 *
 * @param name the MCP tool name
 * @param argsJson the arguments as a JSON object text, e.g. {@code {"city":"Paris"}}
 * @throws IllegalArgumentException when {@code argsJson} is not a JSON object
 */
public record SimToolCall(String name, String argsJson) {
  public SimToolCall {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argsJson, "argsJson");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool call name must not be blank");
    }
    MessageFactory.args(argsJson);
  }
}

package dev.warp2api.core;

import java.util.Objects;

/**
 * A call of a tool by the model.
 *
 * @param id the call's id (Warp's {@code tool_call_id})
 * @param name the tool's name
 * @param argumentsJson the arguments as a JSON object text
 */
public record ToolCall(String id, String name, String argumentsJson) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
  }
}

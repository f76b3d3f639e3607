package dev.warp2api.warp.protocol;

import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of the {@code SYSTEM_PROMPT} attachment: the gateway's prefix, the client's system
 * prompt and, for a forced tool choice, an instruction — the non-empty ones joined by a blank line.
 */
final class SystemPrompt {
  static final String REQUIRED_INSTRUCTION =
      "You must call at least one of the available tools in your reply.";

  private SystemPrompt() {}

  /**
   * @return the prompt, or {@code null} when every part is empty
   * @throws GatewayException INVALID_REQUEST ({@code tool_choice}) when a tool is required but no
   *     tools, or not the named one, are given
   */
  static String compose(String prefix, String system, ToolChoice choice, List<ToolSpec> tools) {
    List<String> parts = new ArrayList<>(3);
    if (prefix != null && !prefix.isEmpty()) {
      parts.add(prefix);
    }
    if (system != null && !system.isEmpty()) {
      parts.add(system);
    }
    String instruction = instruction(choice, tools);
    if (instruction != null) {
      parts.add(instruction);
    }
    return parts.isEmpty() ? null : String.join("\n\n", parts);
  }

  private static String instruction(ToolChoice choice, List<ToolSpec> tools) {
    return switch (choice.mode()) {
      case AUTO, NONE -> null;
      case REQUIRED -> {
        if (tools.isEmpty()) {
          throw GatewayException.invalid(
              "tool_choice: a tool is required but no tools are given", "tool_choice");
        }
        yield REQUIRED_INSTRUCTION;
      }
      case TOOL -> {
        String name = choice.toolName();
        if (name == null || tools.stream().noneMatch(t -> t.name().equals(name))) {
          throw GatewayException.invalid(
              "tool_choice: names a tool that is not among the tools: " + name, "tool_choice");
        }
        yield "You must call the tool `" + name + "` in your reply.";
      }
    };
  }
}

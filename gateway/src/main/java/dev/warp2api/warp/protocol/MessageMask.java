package dev.warp2api.warp.protocol;

import com.google.protobuf.FieldMask;
import java.util.List;

/**
 * Which parts of a {@code Message} an {@code update_task_message} or {@code append_to_message_content}
 * action touches, from its {@code FieldMask}. An empty mask touches everything (the 2025 servers'
 * behaviour as the bridge read it). Paths are matched in snake_case and lowerCamelCase. Immutable.
 *
 * @param text {@code agent_output.text}
 * @param legacyReasoning {@code agent_output.reasoning}
 * @param reasoning {@code agent_reasoning.reasoning}
 * @param toolCall {@code tool_call} or any path under it
 */
public record MessageMask(boolean text, boolean legacyReasoning, boolean reasoning, boolean toolCall) {
  static final MessageMask ALL = new MessageMask(true, true, true, true);

  static MessageMask of(FieldMask mask) {
    return of(mask.getPathsList());
  }

  /** The parts named by these mask paths; everything when there are none. */
  static MessageMask of(List<String> paths) {
    if (paths.isEmpty()) {
      return ALL;
    }
    boolean text = false;
    boolean legacyReasoning = false;
    boolean reasoning = false;
    boolean toolCall = false;
    for (String raw : paths) {
      String path = raw.replace("agentOutput", "agent_output")
          .replace("agentReasoning", "agent_reasoning")
          .replace("toolCall", "tool_call");
      switch (path) {
        case "agent_output" -> {
          text = true;
          legacyReasoning = true;
        }
        case "agent_output.text" -> text = true;
        case "agent_output.reasoning" -> legacyReasoning = true;
        case "agent_reasoning", "agent_reasoning.reasoning" -> reasoning = true;
        default -> toolCall |= path.equals("tool_call") || path.startsWith("tool_call.");
      }
    }
    return new MessageMask(text, legacyReasoning, reasoning, toolCall);
  }
}

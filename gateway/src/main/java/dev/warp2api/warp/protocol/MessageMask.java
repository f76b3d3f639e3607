package dev.warp2api.warp.protocol;

import com.google.protobuf.FieldMask;
import java.util.List;

/**
 * Which parts of a {@code Message} an {@code update_task_message} or
 * {@code append_to_message_content} action touches, from its {@code FieldMask}. An empty mask
 * touches everything (the 2025 servers' behaviour as the bridge read it). Paths are matched in
 * snake_case and lowerCamelCase. Immutable.
 *
 * @param text {@code agent_output.text}
 * @param legacyReasoning {@code agent_output.reasoning}
 * @param reasoning {@code agent_reasoning.reasoning}
 * @param toolCall {@code tool_call} or any path under it
 */
public record MessageMask(
    boolean text, boolean legacyReasoning, boolean reasoning, boolean toolCall) {
  static final MessageMask ALL = new MessageMask(true, true, true, true);

  static MessageMask of(FieldMask mask) {
    return of(mask.getPathsList());
  }

  /** The parts named by these mask paths; everything when there are none. */
  static MessageMask of(List<String> paths) {
    if (paths.isEmpty()) {
      return ALL;
    }
    MessageMask mask = NONE;
    for (String path : paths) {
      mask = mask.or(ofPath(path));
    }
    return mask;
  }

  private static final MessageMask NONE = new MessageMask(false, false, false, false);
  private static final MessageMask TEXT = new MessageMask(true, false, false, false);
  private static final MessageMask AGENT_OUTPUT = new MessageMask(true, true, false, false);
  private static final MessageMask LEGACY_REASONING = new MessageMask(false, true, false, false);
  private static final MessageMask REASONING = new MessageMask(false, false, true, false);
  private static final MessageMask TOOL_CALL = new MessageMask(false, false, false, true);

  /** The parts one path names (a shared constant: no allocation per event). */
  static MessageMask ofPath(String raw) {
    String path = raw.replace("agentOutput", "agent_output")
        .replace("agentReasoning", "agent_reasoning")
        .replace("toolCall", "tool_call");
    return switch (path) {
      case "agent_output" -> AGENT_OUTPUT;
      case "agent_output.text" -> TEXT;
      case "agent_output.reasoning" -> LEGACY_REASONING;
      case "agent_reasoning", "agent_reasoning.reasoning" -> REASONING;
      default -> path.equals("tool_call") || path.startsWith("tool_call.") ? TOOL_CALL : NONE;
    };
  }

  /** The parts either mask names. */
  MessageMask or(MessageMask other) {
    if (other == NONE || other.equals(this) || this == NONE) {
      return this == NONE ? other : this;
    }
    return new MessageMask(
        text || other.text,
        legacyReasoning || other.legacyReasoning,
        reasoning || other.reasoning,
        toolCall || other.toolCall);
  }
}

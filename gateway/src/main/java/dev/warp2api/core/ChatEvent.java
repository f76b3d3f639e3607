package dev.warp2api.core;

import java.util.Objects;

/**
 * What Warp's event stream means, one event at a time, independent of both the wire and the client
 * dialect. The decoder in {@code warp.protocol} produces them; the API layers render them.
 */
public sealed interface ChatEvent {

  /** The stream was accepted: Warp's {@code init} event. */
  record Started(String conversationId, String requestId) implements ChatEvent {}

  /** A piece of visible answer text. */
  record TextDelta(String text) implements ChatEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A piece of reasoning text (Warp's {@code agent_reasoning} message, or legacy
   * {@code agent_output.reasoning}).
   */
  record ReasoningDelta(String text) implements ChatEvent {
    public ReasoningDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A complete tool call (Warp sends each call whole). */
  record ToolCallEvent(ToolCall call) implements ChatEvent {
    public ToolCallEvent {
      Objects.requireNonNull(call, "call");
    }
  }

  /**
   * The end of the turn: Warp's {@code finished} event.
   *
   * @param reason why it ended
   * @param usage what Warp reported, {@link Usage#UNKNOWN} when nothing
   * @param detail a message that came with the reason (e.g. {@code internal_error.message}), or
   *     null
   * @param refreshModels whether Warp asked the client to re-read its model choices
   */
  record Finished(FinishReason reason, Usage usage, String detail, boolean refreshModels)
      implements ChatEvent {
    public Finished {
      Objects.requireNonNull(reason, "reason");
      usage = usage == null ? Usage.UNKNOWN : usage;
    }
  }
}

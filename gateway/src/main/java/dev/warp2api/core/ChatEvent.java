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
   * @param quotaRanOut what a {@code quota_limit} after output means for the client asking again,
   *     as the pool saw it when the pipeline marked the credential exhausted;
   *     {@link Ending#QUOTA_RAN_OUT_AFTER_OUTPUT} until the pipeline says (and for any other
   *     reason)
   */
  record Finished(
      FinishReason reason,
      Usage usage,
      String detail,
      boolean refreshModels,
      Ending.QuotaRanOutAfterOutput quotaRanOut)
      implements ChatEvent {
    public Finished {
      Objects.requireNonNull(reason, "reason");
      usage = usage == null ? Usage.UNKNOWN : usage;
      quotaRanOut = quotaRanOut == null ? Ending.QUOTA_RAN_OUT_AFTER_OUTPUT : quotaRanOut;
    }

    /** A finish as Warp's event says it, before the pipeline added what the pool says. */
    public Finished(FinishReason reason, Usage usage, String detail, boolean refreshModels) {
      this(reason, usage, detail, refreshModels, null);
    }

    /** This finish with what the pool said when the quota ran out after output. */
    public Finished withQuotaRanOut(Ending.QuotaRanOutAfterOutput said) {
      return new Finished(reason, usage, detail, refreshModels, said);
    }
  }
}

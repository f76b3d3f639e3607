package dev.warp2api.api.anthropic;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.GatewayException;

/**
 * Anthropic's {@code stop_reason} for Warp's finish reason (CONTRACT.md "Finish reasons"): {@code done}
 * → {@code end_turn}, or {@code tool_use} when a tool call was emitted; the token and context limits, and
 * a quota limit after some output → {@code max_tokens}, except the context limit →
 * {@code model_context_window_exceeded} for a client that sent that beta. Other reasons are failures: the pipeline retries
 * them while nothing was sent, so reaching a renderer they become an error.
 */
final class StopReason {
  private StopReason() {}

  /**
   * The stop reason, or {@code null} when the turn failed (see {@link #failure}).
   *
   * @param contextWindowStopReason whether the client accepts {@code model_context_window_exceeded}
   *     (else the context limit is reported as {@code max_tokens})
   */
  static String of(FinishReason reason, boolean sawToolCall, boolean sawOutput, boolean contextWindowStopReason) {
    return switch (reason) {
      case DONE, UNSPECIFIED -> sawToolCall ? "tool_use" : "end_turn";
      case MAX_TOKENS -> "max_tokens";
      case CONTEXT_WINDOW_EXCEEDED -> contextWindowStopReason ? "model_context_window_exceeded" : "max_tokens";
      case QUOTA_LIMIT -> sawOutput ? "max_tokens" : null;
      case LLM_UNAVAILABLE, INTERNAL_ERROR, INVALID_API_KEY, OTHER -> null;
    };
  }

  /** The error to report for a finish that {@link #of} maps to {@code null}. Never carries secrets. */
  static GatewayException failure(ChatEvent.Finished finished) {
    if (finished.reason() == FinishReason.QUOTA_LIMIT) {
      return new GatewayException(ErrorKind.QUOTA_EXHAUSTED, "Warp's quota is exhausted", null, -1, null);
    }
    String name = finished.reason().name().toLowerCase(java.util.Locale.ROOT);
    return new GatewayException(ErrorKind.UPSTREAM_FAILED, "Warp ended the turn with reason " + name, null, -1, null);
  }
}

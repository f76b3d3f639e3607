package dev.warp2api.api.anthropic;

import dev.warp2api.core.Ending;

/**
 * Anthropic's {@code stop_reason} for a normal {@link Ending}; a failed ending is rendered as an
 * error instead. Only renders: what a finish means is decided by {@link Ending#of}.
 */
final class StopReason {
  private StopReason() {}

  /**
   * @param contextWindowStopReason whether the client accepts {@code model_context_window_exceeded}
   *     (else the context limit is reported as {@code max_tokens})
   */
  static String of(Ending.Normal ending, boolean contextWindowStopReason) {
    return switch (ending) {
      case Ending.Stop s -> "end_turn";
      case Ending.ToolCalls t -> "tool_use";
      case Ending.MaxTokens m -> "max_tokens";
      case Ending.ContextWindowExceeded c ->
        contextWindowStopReason ? "model_context_window_exceeded" : "max_tokens";
      case Ending.QuotaRanOutAfterOutput q -> "max_tokens";
    };
  }
}

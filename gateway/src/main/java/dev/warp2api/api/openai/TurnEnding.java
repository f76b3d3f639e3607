package dev.warp2api.api.openai;

import dev.warp2api.core.Ending;

/**
 * OpenAI's {@code finish_reason} for a normal {@link Ending}; a failed ending is rendered as an
 * error instead. Only renders: what a finish means is decided by {@link Ending#of}.
 */
final class TurnEnding {
  private TurnEnding() {}

  static String finishReason(Ending.Normal ending) {
    return switch (ending) {
      case Ending.Stop s -> "stop";
      case Ending.ToolCalls t -> "tool_calls";
      case Ending.MaxTokens m -> "length";
      case Ending.ContextWindowExceeded c -> "length";
      case Ending.QuotaRanOutAfterOutput q -> "length";
    };
  }
}

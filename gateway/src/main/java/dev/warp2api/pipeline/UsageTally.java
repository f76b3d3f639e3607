package dev.warp2api.pipeline;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.TokenEstimator;
import dev.warp2api.core.Usage;
import java.util.List;

/**
 * The token counts of the answer a call delivered: Warp's reported usage when it gave one, else the
 * local estimate ({@link TokenEstimator#counts}, the rule both dialects report by). Counts only
 * lengths, keeps no text. Confined to the call's event loop.
 */
final class UsageTally {
  private long outputChars;
  private long reasoningChars;
  private Usage reported = Usage.UNKNOWN;

  void add(List<ChatEvent> events) {
    for (ChatEvent e : events) {
      switch (e) {
        case ChatEvent.TextDelta t -> outputChars += t.text().length();
        case ChatEvent.ReasoningDelta r -> {
          outputChars += r.text().length();
          reasoningChars += r.text().length();
        }
        case ChatEvent.ToolCallEvent c ->
          outputChars += c.call().name().length() + c.call().argumentsJson().length();
        case ChatEvent.Finished f -> reported = f.usage();
        case ChatEvent.Started s -> {}
      }
    }
  }

  /** The delivered answer was dropped (a non-streaming answer retried on another credential). */
  void reset() {
    outputChars = 0;
    reasoningChars = 0;
    reported = Usage.UNKNOWN;
  }

  TokenEstimator.Counts counts(long promptEstimate) {
    return TokenEstimator.counts(reported, promptEstimate, outputChars);
  }

  /** Whether {@link #counts} uses an estimate for input or output. */
  boolean estimated() {
    boolean input = reported.inputTokens() >= 0;
    boolean output = reported.outputTokens() >= 0 || (input && reported.totalTokens() >= 0);
    return !(input && output);
  }

  long reasoningTokens() {
    return (reasoningChars + 3) / 4;
  }

  boolean reportedInput() {
    return reported.inputTokens() >= 0;
  }
}

package dev.warp2api.api.openai;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;

/**
 * How Warp's {@code finished} event ends an OpenAI response (CONTRACT.md "Finish reasons"): a
 * {@code finish_reason}, or a failure when the turn ended abnormally. Stateless.
 */
final class TurnEnding {
  private TurnEnding() {}

  /**
   * The failure to report for {@code finished}, or null when it ends the turn normally. A quota limit
   * after some output ends the turn ({@code length}); before any output it is
   * {@link ErrorKind#QUOTA_EXHAUSTED}. The other abnormal reasons are {@link ErrorKind#UPSTREAM_FAILED}.
   * The message names the reason only: Warp's detail text is not shown.
   */
  static GatewayException failure(ChatEvent.Finished finished, boolean anyOutput) {
    return switch (finished.reason()) {
      case DONE, UNSPECIFIED, MAX_TOKENS, CONTEXT_WINDOW_EXCEEDED -> null;
      case QUOTA_LIMIT -> anyOutput ? null : new GatewayException(ErrorKind.QUOTA_EXHAUSTED,
          "The Warp account's quota is exhausted", null, -1, null);
      case LLM_UNAVAILABLE -> upstream("the model is unavailable (llm_unavailable)");
      case INTERNAL_ERROR -> upstream("Warp reported an internal error (internal_error)");
      case INVALID_API_KEY -> upstream("Warp rejected the account's key (invalid_api_key)");
      case OTHER -> upstream("Warp ended the turn with an error (other)");
    };
  }

  private static GatewayException upstream(String what) {
    return new GatewayException(ErrorKind.UPSTREAM_FAILED, "Upstream failure: " + what, null, -1, null);
  }

  /** The {@code finish_reason} of a turn that {@link #failure} accepted. */
  static String finishReason(ChatEvent.Finished finished, boolean anyToolCall) {
    return switch (finished.reason()) {
      case MAX_TOKENS, CONTEXT_WINDOW_EXCEEDED, QUOTA_LIMIT -> "length";
      default -> anyToolCall ? "tool_calls" : "stop";
    };
  }
}

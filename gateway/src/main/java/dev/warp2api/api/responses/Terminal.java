package dev.warp2api.api.responses;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;

/**
 * How a Responses turn ends: the terminal event and the response's {@code status}. Codex CLI
 * retries a stream that ends in anything but {@code response.completed}, and reads
 * {@code error.code} of a failed one ({@code context_length_exceeded} and
 * {@code insufficient_quota} stop it; {@code rate_limit_exceeded} with "try again in N s" sets its
 * retry delay).
 */
sealed interface Terminal {
  /** {@code response.completed}, status {@code completed}. */
  record Completed() implements Terminal {}

  /** {@code response.incomplete}, status {@code incomplete}, {@code incomplete_details.reason}. */
  record Incomplete(String reason) implements Terminal {}

  /** {@code response.failed}, status {@code failed}, {@code error: {code, message}}. */
  record Failed(String code, String message) implements Terminal {}

  Terminal COMPLETED = new Completed();

  /**
   * How a finished turn is rendered: {@link Ending#of} decides what Warp's reason means, this only
   * picks the terminal event. A quota that ran out after output is not a completed answer: while
   * another credential can serve it is {@code rate_limit_exceeded} with the delay (Codex retries
   * after it), and when no credential has quota left {@code insufficient_quota} (Codex stops).
   */
  static Terminal of(ChatEvent.Finished finished, boolean anyOutput, boolean anyToolCall) {
    return switch (Ending.of(finished, anyOutput, anyToolCall)) {
      case Ending.Stop s -> COMPLETED;
      case Ending.ToolCalls t -> COMPLETED;
      case Ending.MaxTokens m -> new Incomplete("max_output_tokens");
      case Ending.ContextWindowExceeded c ->
        new Failed(
            "context_length_exceeded",
            "The conversation no longer fits the model's context window.");
      case Ending.QuotaRanOutAfterOutput q ->
        q.creditLeft()
            ? new Failed("rate_limit_exceeded", q.message() + retryIn(q.retryAfterSeconds()))
            : new Failed("insufficient_quota", q.message());
      case Ending.TurnFailure f -> of(f.error());
    };
  }

  /**
   * The ending of a turn that failed after its first content (rendered from the failure's kind).
   */
  static Terminal of(GatewayException failure) {
    return switch (failure.kind()) {
      case QUOTA_EXHAUSTED, KEY_BUDGET_EXHAUSTED ->
        new Failed("insufficient_quota", failure.safeMessage());
      case RATE_LIMITED, KEY_RATE_LIMITED ->
        new Failed(
            "rate_limit_exceeded", failure.safeMessage() + retryIn(failure.retryAfterSeconds()));
      case INVALID_REQUEST,
          UNAUTHORIZED,
          FORBIDDEN,
          MODEL_NOT_ALLOWED,
          NOT_FOUND,
          MODEL_NOT_FOUND,
          METHOD_NOT_ALLOWED,
          PAYLOAD_TOO_LARGE,
          UPSTREAM_BAD_REQUEST,
          NO_CREDENTIALS,
          STORE_UNAVAILABLE,
          OVERLOADED,
          UPSTREAM_FAILED,
          UPSTREAM_TIMEOUT,
          INTERNAL -> new Failed("server_error", failure.safeMessage());
    };
  }

  /** The delay as Codex reads it from a {@code rate_limit_exceeded} message ("try again in Ns"). */
  private static String retryIn(long seconds) {
    return " Please try again in " + Math.max(1, seconds) + "s.";
  }

  /** The response's {@code status}. */
  default String status() {
    return switch (this) {
      case Completed c -> "completed";
      case Incomplete i -> "incomplete";
      case Failed f -> "failed";
    };
  }

  /** The terminal event's type. */
  default String eventType() {
    return "response." + status();
  }
}

package dev.warp2api.api.responses;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.GatewayException;

/**
 * How a Responses turn ends: the terminal event and the response's {@code status}. Codex CLI retries a
 * stream that ends in anything but {@code response.completed}, and reads {@code error.code} of a failed
 * one ({@code context_length_exceeded} and {@code insufficient_quota} stop it; {@code rate_limit_exceeded}
 * with "try again in N s" sets its retry delay).
 */
sealed interface Terminal {
  /** {@code response.completed}, status {@code completed}. */
  record Completed() implements Terminal {}

  /** {@code response.incomplete}, status {@code incomplete}, {@code incomplete_details.reason}. */
  record Incomplete(String reason) implements Terminal {}

  /** {@code response.failed}, status {@code failed}, {@code error: {code, message}}. */
  record Failed(String code, String message) implements Terminal {}

  Terminal COMPLETED = new Completed();

  /** The ending of a turn Warp finished (the pipeline already turned abnormal finishes into failures). */
  static Terminal of(ChatEvent.Finished finished) {
    return switch (finished.reason()) {
      case DONE, UNSPECIFIED -> COMPLETED;
      case MAX_TOKENS -> new Incomplete("max_output_tokens");
      case CONTEXT_WINDOW_EXCEEDED -> new Failed("context_length_exceeded",
          "The conversation no longer fits the model's context window.");
      case QUOTA_LIMIT -> new Failed("rate_limit_exceeded",
          "The Warp credential's quota ran out during this response. Please try again in 1s.");
      case LLM_UNAVAILABLE, INTERNAL_ERROR, INVALID_API_KEY, OTHER -> new Failed("server_error",
          "Warp ended the turn with reason " + finished.reason().name().toLowerCase(java.util.Locale.ROOT) + ".");
    };
  }

  /** The ending of a turn that failed after its first content. */
  static Terminal of(GatewayException failure) {
    return switch (failure.kind()) {
      case QUOTA_EXHAUSTED -> new Failed("insufficient_quota", failure.safeMessage());
      case RATE_LIMITED -> new Failed("rate_limit_exceeded", failure.safeMessage() + " Please try again in "
          + Math.max(1, failure.retryAfterSeconds()) + "s.");
      case INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, MODEL_NOT_FOUND, METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE,
          UPSTREAM_BAD_REQUEST, NO_CREDENTIALS, UPSTREAM_FAILED, UPSTREAM_TIMEOUT, INTERNAL ->
          new Failed("server_error", failure.safeMessage());
    };
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

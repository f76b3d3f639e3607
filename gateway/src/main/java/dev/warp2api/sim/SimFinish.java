package dev.warp2api.sim;

import java.util.Objects;

/**
 * Why a simulated stream ends: the {@code StreamFinished.reason} oneof.
 *
 * @param kind which reason
 * @param message for {@link Kind#INTERNAL_ERROR} the error text, for {@link Kind#INVALID_API_KEY}
 *     the model name; empty otherwise
 */
public record SimFinish(Kind kind, String message) {
  /** The members of {@code StreamFinished.reason}. */
  public enum Kind {
    DONE,
    OTHER,
    MAX_TOKEN_LIMIT,
    QUOTA_LIMIT,
    CONTEXT_WINDOW_EXCEEDED,
    LLM_UNAVAILABLE,
    INTERNAL_ERROR,
    INVALID_API_KEY
  }

  public SimFinish {
    Objects.requireNonNull(kind, "kind");
    message = message == null ? "" : message;
  }

  public static final SimFinish DONE = new SimFinish(Kind.DONE, "");
  public static final SimFinish OTHER = new SimFinish(Kind.OTHER, "");
  public static final SimFinish MAX_TOKEN_LIMIT = new SimFinish(Kind.MAX_TOKEN_LIMIT, "");
  public static final SimFinish QUOTA_LIMIT = new SimFinish(Kind.QUOTA_LIMIT, "");
  public static final SimFinish CONTEXT_WINDOW_EXCEEDED =
      new SimFinish(Kind.CONTEXT_WINDOW_EXCEEDED, "");
  public static final SimFinish LLM_UNAVAILABLE = new SimFinish(Kind.LLM_UNAVAILABLE, "");

  public static SimFinish internalError(String message) {
    return new SimFinish(Kind.INTERNAL_ERROR, message);
  }

  public static SimFinish invalidApiKey(String modelName) {
    return new SimFinish(Kind.INVALID_API_KEY, modelName);
  }
}

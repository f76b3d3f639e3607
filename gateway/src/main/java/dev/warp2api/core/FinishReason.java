package dev.warp2api.core;

/**
 * Why Warp ended a turn: the members of {@code StreamFinished.reason}. {@link Ending#of} says what
 * each means.
 */
public enum FinishReason {
  DONE,
  MAX_TOKENS,
  CONTEXT_WINDOW_EXCEEDED,
  QUOTA_LIMIT,
  LLM_UNAVAILABLE,
  INTERNAL_ERROR,
  INVALID_API_KEY,
  OTHER,
  /** A {@code finished} event without any reason set. Treated like {@link #DONE}. */
  UNSPECIFIED
}

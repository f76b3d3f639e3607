package dev.warp2api.core;

/** Why Warp ended a turn: the members of {@code StreamFinished.reason}. */
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
  UNSPECIFIED;

  /** Whether the turn ended normally, with output the client may keep. */
  public boolean isNormal() {
    return this == DONE || this == UNSPECIFIED || this == MAX_TOKENS || this == CONTEXT_WINDOW_EXCEEDED;
  }
}

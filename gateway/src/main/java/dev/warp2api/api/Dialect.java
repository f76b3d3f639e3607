package dev.warp2api.api;

/** The wire dialect a route speaks; decides the shape of its error bodies and stream events. */
public enum Dialect {
  /** OpenAI Chat Completions ({@code /v1/chat/completions}, {@code /v1/models}). */
  OPENAI,
  /** Anthropic Messages ({@code /v1/messages}). */
  ANTHROPIC,
  /**
   * The original bridge's routes ({@code /api/*}) and our admin routes:
   * {@code {"error":{"message":...}}}.
   */
  BRIDGE
}

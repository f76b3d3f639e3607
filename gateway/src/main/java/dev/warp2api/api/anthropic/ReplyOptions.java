package dev.warp2api.api.anthropic;

/**
 * What the client asked to see in an Anthropic reply, beyond its content.
 *
 * @param thinking whether Warp's reasoning is shown as {@code thinking} blocks; without it (no
 *     {@code thinking} in the request, or {@code type: "disabled"}) reasoning is left out of the
 *     reply, as Anthropic sends none then
 * @param contextWindowStopReason whether a turn cut short by the context window ends with
 *     {@code stop_reason: "model_context_window_exceeded"} (the client sent the
 *     {@value #CONTEXT_WINDOW_BETA} beta) rather than {@code max_tokens}
 */
public record ReplyOptions(boolean thinking, boolean contextWindowStopReason) {

  /**
   * The {@code anthropic-beta} value with which a client accepts
   * {@code model_context_window_exceeded}.
   */
  public static final String CONTEXT_WINDOW_BETA = "model-context-window-exceeded-2025-08-26";

  /**
   * Reasoning shown as {@code thinking} blocks, the context window reported as {@code max_tokens}.
   */
  public static final ReplyOptions WITH_THINKING = new ReplyOptions(true, false);

  /**
   * Whether the values of the request's {@code anthropic-beta} headers (each a comma-separated
   * list) include {@link #CONTEXT_WINDOW_BETA}.
   */
  public static boolean acceptsContextWindowStopReason(Iterable<String> betaHeaders) {
    for (String header : betaHeaders) {
      for (String beta : header.split(",")) {
        if (beta.trim().equalsIgnoreCase(CONTEXT_WINDOW_BETA)) {
          return true;
        }
      }
    }
    return false;
  }
}

package dev.warp2api.core;

/**
 * A deliberately simple local token count, used where Warp reports no usage. It counts about four
 * characters per token (rounded up) over every text of the request: system prompt, message texts,
 * reasoning, tool-call arguments, tool results, and each tool's name, description and JSON Schema.
 * Images count a flat {@value #IMAGE_TOKENS} tokens each. It is an estimate for display and
 * accounting, never exact; both dialects use it so the figures agree.
 *
 * <p>Stateless and thread-safe.
 */
public final class TokenEstimator {
  /** Roughly the average characters per token of English text and code in current BPE vocabularies. */
  static final int CHARS_PER_TOKEN = 4;

  /** A typical cost of one image of moderate size; Warp reports nothing better. */
  static final int IMAGE_TOKENS = 800;

  private TokenEstimator() {}

  /** Estimated tokens of {@code text}: {@code ceil(length / 4)}; 0 for null or empty. */
  public static long ofText(String text) {
    return text == null || text.isEmpty() ? 0 : (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /** Estimated prompt tokens of a whole request, as described in the class comment. */
  public static long ofRequest(ChatRequest request) {
    long tokens = ofText(request.system());
    for (ChatMessage message : request.messages()) {
      tokens += ofMessage(message);
    }
    for (ToolSpec tool : request.tools()) {
      tokens += ofText(tool.name()) + ofText(tool.description()) + ofText(tool.inputSchema().toString());
    }
    return tokens;
  }

  private static long ofMessage(ChatMessage message) {
    return switch (message) {
      case ChatMessage.User user -> {
        long t = 0;
        for (ContentPart part : user.parts()) {
          t += part instanceof ContentPart.Text text ? ofText(text.text()) : IMAGE_TOKENS;
        }
        yield t;
      }
      case ChatMessage.Assistant a -> {
        long t = ofText(a.text()) + ofText(a.reasoning());
        for (ToolCall call : a.toolCalls()) {
          t += ofText(call.name()) + ofText(call.argumentsJson());
        }
        yield t;
      }
      case ChatMessage.ToolResult r -> ofText(r.content());
    };
  }

  /**
   * The prompt and completion counts to report for one turn, derived from what Warp reported:
   *
   * <ul>
   *   <li>prompt = {@code reported.inputTokens()} when known, else {@code promptEstimate};
   *   <li>completion = {@code reported.outputTokens()} when known; else {@code totalTokens - prompt}
   *       when Warp gave a total and its input count (today's {@code conversation_usage_metadata});
   *       else the estimate of the output ({@code ceil(outputChars / 4)}).
   * </ul>
   *
   * Neither count is negative.
   *
   * @param reported what Warp reported, possibly {@link Usage#UNKNOWN}
   * @param promptEstimate {@link #ofRequest} of the request
   * @param outputChars characters of everything the model produced (text, reasoning, tool calls)
   */
  public static Counts counts(Usage reported, long promptEstimate, long outputChars) {
    boolean inputKnown = reported.inputTokens() >= 0;
    long prompt = inputKnown ? reported.inputTokens() : Math.max(0, promptEstimate);
    long completion;
    if (reported.outputTokens() >= 0) {
      completion = reported.outputTokens();
    } else if (inputKnown && reported.totalTokens() >= 0) {
      completion = Math.max(0, reported.totalTokens() - reported.inputTokens());
    } else {
      completion = (Math.max(0, outputChars) + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
    return new Counts(prompt, completion);
  }

  /** Token counts of one turn as reported to a client. */
  public record Counts(long promptTokens, long completionTokens) {
    public long totalTokens() {
      return promptTokens + completionTokens;
    }
  }
}

package dev.warp2api.core;

/**
 * The one local token estimate of the gateway, used by both dialects wherever Warp reports no
 * count: OpenAI {@code usage.prompt_tokens} before Warp's figure is known, Anthropic
 * {@code message_start.usage.input_tokens} (Warp reports real counts only at the end of a turn) and
 * {@code /v1/messages/count_tokens}. Both dialects therefore report the same numbers for the same
 * request.
 *
 * <p>The approximation, and why: Warp routes to models of several vendors, each with its own
 * tokenizer, and none of those tokenizers ships with the gateway. We use the published rule of
 * thumb "one token is about 4 characters of English text" (OpenAI, "What are tokens and how to
 * count them"; Anthropic gives ~3.5 characters for Claude). Characters outside ASCII count one
 * token each, because CJK and other scripts tokenize at roughly one token per character or worse.
 * The text of the request is the system prompt, message texts, reasoning, tool-call names and
 * arguments, tool results with their call ids, and each tool's name, description and JSON Schema;
 * its characters are summed and rounded up once. Each message (and the system prompt) adds
 * {@value #PER_MESSAGE} tokens of framing (OpenAI cookbook, "How to count tokens with tiktoken");
 * each image {@value #IMAGE_TOKENS} tokens (Anthropic's vision guide: a ~1.15 megapixel image is
 * ~1,600 tokens; larger images are scaled down to about that).
 *
 * <p>Expected error: no vendor publishes an error bound for the rule of thumb; it is commonly
 * quoted as accurate to about ±25% on English prose. It tends to undercount dense JSON Schema and
 * code (closer to 3 characters per token), so a tool-heavy Claude Code request is likely
 * undercounted by up to ~25%. Warp's real {@code total_input_tokens} replaces the estimate when
 * Warp reports it (see {@link #counts}).
 *
 * <p>Stateless and thread-safe.
 */
public final class TokenEstimator {
  /** Characters of ASCII text per token: the published rule of thumb. */
  static final int CHARS_PER_TOKEN = 4;

  /** Framing tokens per message (role markers and separators), per OpenAI's cookbook. */
  static final int PER_MESSAGE = 3;

  /** Tokens per image: Anthropic's figure for an image at the size it scales inputs down to. */
  static final int IMAGE_TOKENS = 1600;

  private TokenEstimator() {}

  /**
   * Estimated tokens of {@code text}: ASCII characters at four per token, any other code point one
   * token each, rounded up; 0 for null or empty.
   */
  public static long ofText(String text) {
    return (units(text) + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /**
   * Estimated prompt tokens of a whole request, as described in the class comment: at least 1 when
   * the request has any message, never negative.
   */
  public static long ofRequest(ChatRequest request) {
    long units = 0;
    long fixed = 0;
    if (request.system() != null) {
      units += units(request.system());
      fixed += PER_MESSAGE;
    }
    for (ChatMessage message : request.messages()) {
      fixed += PER_MESSAGE;
      switch (message) {
        case ChatMessage.User user -> {
          for (ContentPart part : user.parts()) {
            switch (part) {
              case ContentPart.Text text -> units += units(text.text());
              case ContentPart.Image image -> fixed += IMAGE_TOKENS;
            }
          }
        }
        case ChatMessage.Assistant a -> {
          units += units(a.text()) + units(a.reasoning());
          for (ToolCall call : a.toolCalls()) {
            units += units(call.name()) + units(call.argumentsJson());
          }
        }
        case ChatMessage.ToolResult r -> units += units(r.content()) + units(r.toolCallId());
      }
    }
    for (ToolSpec tool : request.tools()) {
      units += units(tool.name())
          + units(tool.description())
          + units(tool.inputSchema().toString());
    }
    long tokens = fixed + (units + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    return Math.max(tokens, request.messages().isEmpty() ? 0 : 1);
  }

  /**
   * Quarter-token units: an ASCII character is one, any other code point four (one whole token).
   */
  private static long units(String text) {
    if (text == null) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      n += cp < 0x80 ? 1 : CHARS_PER_TOKEN;
      i += Character.charCount(cp);
    }
    return n;
  }

  /**
   * The prompt and completion counts to report for one turn, derived from what Warp reported:
   *
   * <ul>
   *   <li>prompt = {@code reported.inputTokens()} when known, else {@code promptEstimate};
   *   <li>completion = {@code reported.outputTokens()} when known; else {@code totalTokens -
   *       prompt} when Warp gave a total and its input count (today's
   *       {@code conversation_usage_metadata}); else the estimate of the output
   *       ({@code ceil(outputChars / 4)}).
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

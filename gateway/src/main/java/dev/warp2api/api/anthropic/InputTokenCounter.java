package dev.warp2api.api.anthropic;

import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.ToolSpec;

/**
 * A local estimate of a request's input tokens, used for {@code message_start.usage.input_tokens}
 * (Warp reports real counts only at the end of a turn) and for {@code /v1/messages/count_tokens}.
 *
 * <p>The approximation, and why: Warp routes to models of several vendors, each with its own tokenizer,
 * and none of those tokenizers ships with the gateway. We use the published rule of thumb "one token is
 * about 4 characters of English text" (OpenAI, "What are tokens and how to count them"; Anthropic gives
 * ~3.5 characters for Claude). Characters outside ASCII count one token each, because CJK and other
 * scripts tokenize at roughly one token per character or worse. Each message adds
 * {@value #PER_MESSAGE} tokens of framing (OpenAI cookbook, "How to count tokens with tiktoken"), each
 * image {@value #PER_IMAGE} tokens (Anthropic's vision guide: a ~1.15 megapixel image is ~1,600 tokens;
 * larger images are scaled down to about that).
 *
 * <p>Expected error: no vendor publishes an error bound for the rule of thumb; it is commonly quoted as
 * accurate to about ±25% on English prose. It tends to undercount dense JSON Schema and code (closer to
 * 3 characters per token), so a tool-heavy Claude Code request is likely undercounted. Warp's real
 * {@code total_input_tokens} replaces the estimate in the final {@code message_delta}.
 *
 * <p>Pure and thread-safe.
 */
public final class InputTokenCounter {
  /** Framing tokens per message (role markers and separators), per OpenAI's cookbook. */
  static final int PER_MESSAGE = 3;
  /** Tokens per image: Anthropic's figure for an image at the size it scales inputs down to. */
  static final int PER_IMAGE = 1600;
  /** Characters per token for ASCII text: the published rule of thumb. */
  static final int CHARS_PER_TOKEN = 4;

  private InputTokenCounter() {}

  /** The estimated input tokens of {@code request}: at least 1 when it has any content, never negative. */
  public static int count(ChatRequest request) {
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
              case ContentPart.Image image -> fixed += PER_IMAGE;
            }
          }
        }
        case ChatMessage.Assistant assistant -> {
          units += units(assistant.text());
          units += assistant.reasoning() == null ? 0 : units(assistant.reasoning());
          for (ToolCall call : assistant.toolCalls()) {
            units += units(call.name()) + units(call.argumentsJson());
          }
        }
        case ChatMessage.ToolResult result -> units += units(result.content()) + units(result.toolCallId());
      }
    }
    for (ToolSpec tool : request.tools()) {
      units += units(tool.name()) + units(tool.description()) + units(tool.inputSchema().toString());
    }
    long tokens = fixed + (units + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(tokens, request.messages().isEmpty() ? 0 : 1));
  }

  /** Estimated tokens of a piece of output text, by the same rule; used when Warp reports no output count. */
  public static int countText(String text) {
    return (int) Math.min(Integer.MAX_VALUE, (units(text) + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
  }

  /** Quarter-token units: an ASCII character is one, any other code point four (one whole token). */
  private static long units(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      n += cp < 0x80 ? 1 : CHARS_PER_TOKEN;
      i += Character.charCount(cp);
    }
    return n;
  }
}

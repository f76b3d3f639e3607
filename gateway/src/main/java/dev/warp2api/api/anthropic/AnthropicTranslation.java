package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ModelResolver;

/**
 * The Anthropic dialect seen through {@link ChatTranslation}, for {@code POST /v1/messages}.
 * {@code message_start} carries the local input estimate; it goes out with the 200 head when the
 * first content is ready (or after {@code W2A_KEEPALIVE} of silence), so a turn that fails before
 * any content gets its status. Reasoning is shown as {@code thinking} blocks only when the request
 * asked for it ({@link dev.warp2api.core.ChatRequest#thinking()}); Warp is asked for reasoning
 * either way.
 */
public final class AnthropicTranslation implements ChatTranslation {
  private final AnthropicRequestParser parser;
  private final boolean contextWindowStopReason;

  public AnthropicTranslation(ModelResolver models) {
    this(new AnthropicRequestParser(models), false);
  }

  private AnthropicTranslation(AnthropicRequestParser parser, boolean contextWindowStopReason) {
    this.parser = parser;
    this.contextWindowStopReason = contextWindowStopReason;
  }

  /**
   * This translation for a request whose {@code anthropic-beta} headers are {@code betaHeaders}:
   * with {@value ReplyOptions#CONTEXT_WINDOW_BETA} among them, a turn cut by the context window
   * ends with {@code model_context_window_exceeded} instead of {@code max_tokens}.
   */
  public AnthropicTranslation forBetas(Iterable<String> betaHeaders) {
    boolean accepts = ReplyOptions.acceptsContextWindowStopReason(betaHeaders);
    return accepts == contextWindowStopReason ? this : new AnthropicTranslation(parser, accepts);
  }

  public AnthropicRequestParser parser() {
    return parser;
  }

  @Override
  public Parsed parse(JsonNode body) {
    ParsedMessages parsed = parser.parse(body);
    ReplyOptions options = new ReplyOptions(parsed.chat().thinking(), contextWindowStopReason);
    return ChatTranslation.parsed(
        parsed.chat(),
        parsed.stream(),
        () -> new Stream(
            new AnthropicStreamRenderer(parsed.requestedModel(), options),
            parsed.estimatedInputTokens()),
        () -> new AnthropicResponseAggregator(
            parsed.requestedModel(), parsed.estimatedInputTokens(), options));
  }

  /**
   * The head is {@code message_start} with the input estimate; the keep-alive is a {@code ping}.
   */
  private record Stream(AnthropicStreamRenderer renderer, int estimatedInputTokens)
      implements StreamRenderer {
    @Override
    public String head() {
      return renderer.start(estimatedInputTokens);
    }

    @Override
    public String onEvent(ChatEvent event) {
      return renderer.onEvent(event);
    }

    @Override
    public void onEvent(ChatEvent event, StringBuilder out) {
      renderer.onEvent(event, out);
    }

    @Override
    public String error(GatewayException failure) {
      return renderer.error(failure);
    }

    @Override
    public String keepAlive() {
      return renderer.ping();
    }
  }
}

package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ChatTranslation;

/**
 * The OpenAI dialect seen through {@link ChatTranslation}, for {@code POST /v1/chat/completions}.
 */
public final class OpenAiTranslation implements ChatTranslation {
  private final OpenAiDialect dialect;

  public OpenAiTranslation(OpenAiDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public Parsed parse(JsonNode body) {
    ParsedChat parsed = dialect.parse(body);
    return ChatTranslation.parsed(
        parsed.chat(),
        parsed.stream(),
        () -> dialect.streamRenderer(parsed),
        () -> dialect.aggregator(parsed));
  }
}

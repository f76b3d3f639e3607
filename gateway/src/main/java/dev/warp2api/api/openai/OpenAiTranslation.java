package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatRequest;

/** The OpenAI dialect seen through {@link ChatTranslation}, for {@code POST /v1/chat/completions}. */
public final class OpenAiTranslation implements ChatTranslation {
  private final OpenAiDialect dialect;

  public OpenAiTranslation(OpenAiDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public Parsed parse(JsonNode body) {
    return new Chat(dialect, dialect.parse(body));
  }

  /** A parsed request; its renderers and aggregators are the dialect's own. */
  private record Chat(OpenAiDialect dialect, ParsedChat parsed) implements Parsed {
    @Override
    public ChatRequest chat() {
      return parsed.chat();
    }

    @Override
    public boolean stream() {
      return parsed.stream();
    }

    @Override
    public StreamRenderer streamRenderer() {
      return dialect.streamRenderer(parsed);
    }

    @Override
    public ResponseAggregator aggregator() {
      return dialect.aggregator(parsed);
    }
  }
}

package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.GatewayException;

/** The OpenAI dialect seen through {@link ChatTranslation}, for {@code POST /v1/chat/completions}. */
public final class OpenAiTranslation implements ChatTranslation {
  private final OpenAiDialect dialect;

  public OpenAiTranslation(OpenAiDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public Parsed parse(JsonNode body) {
    ParsedChat parsed = dialect.parse(body);
    return new Parsed() {
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
        OpenAiStreamRenderer r = dialect.streamRenderer(parsed);
        return new StreamRenderer() {
          @Override
          public String head() {
            return r.head();
          }

          @Override
          public String onEvent(ChatEvent event) {
            return r.onEvent(event);
          }

          @Override
          public String error(GatewayException failure) {
            return r.error(failure);
          }

          @Override
          public String keepAlive() {
            return r.keepAlive();
          }

          @Override
          public boolean ended() {
            return r.ended();
          }
        };
      }

      @Override
      public ResponseAggregator aggregator() {
        OpenAiResponseAggregator a = dialect.aggregator(parsed);
        return new ResponseAggregator() {
          @Override
          public void accept(ChatEvent event) {
            a.accept(event);
          }

          @Override
          public String json() {
            return a.json();
          }
        };
      }
    };
  }
}

package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ModelResolver;

/**
 * The Anthropic dialect seen through {@link ChatTranslation}, for {@code POST /v1/messages}.
 * {@code message_start} is sent as soon as Warp accepts the request, with the local input estimate.
 */
public final class AnthropicTranslation implements ChatTranslation {
  private final AnthropicRequestParser parser;

  public AnthropicTranslation(ModelResolver models) {
    this.parser = new AnthropicRequestParser(models);
  }

  public AnthropicRequestParser parser() {
    return parser;
  }

  @Override
  public Parsed parse(JsonNode body) {
    ParsedMessages parsed = parser.parse(body);
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
        AnthropicStreamRenderer r = new AnthropicStreamRenderer(parsed.requestedModel());
        boolean[] ended = {false};
        return new StreamRenderer() {
          @Override
          public String head() {
            return r.start(parsed.estimatedInputTokens());
          }

          @Override
          public String onEvent(ChatEvent event) {
            if (event instanceof ChatEvent.Finished) {
              ended[0] = true;
            }
            return r.onEvent(event);
          }

          @Override
          public String error(GatewayException failure) {
            ended[0] = true;
            return r.error(failure);
          }

          @Override
          public String keepAlive() {
            return r.ping();
          }

          @Override
          public boolean ended() {
            return ended[0];
          }
        };
      }

      @Override
      public ResponseAggregator aggregator() {
        AnthropicResponseAggregator a = new AnthropicResponseAggregator(parsed.requestedModel(),
            parsed.estimatedInputTokens());
        return new ResponseAggregator() {
          @Override
          public void accept(ChatEvent event) {
            a.onEvent(event);
          }

          @Override
          public String json() {
            return a.message();
          }
        };
      }
    };
  }
}

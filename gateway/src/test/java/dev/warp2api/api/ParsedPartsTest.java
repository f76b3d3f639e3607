package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.api.openai.OpenAiDialect;
import dev.warp2api.api.openai.OpenAiTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.GatewayException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both dialects hand the exchange a {@link ChatTranslation#parsed} request: fresh renderers, fresh
 * aggregators.
 */
class ParsedPartsTest {
  private static final ChatRequest CHAT = new ChatRequest(
      "auto", null, List.of(ChatMessage.User.text("Hi")), List.of(), null, null, false);

  @Test
  void everyCallTakesAFreshRendererAndAggregator() {
    ChatTranslation.Parsed parsed =
        ChatTranslation.parsed(CHAT, true, Renderer::new, Aggregator::new);

    assertThat(parsed.chat()).isSameAs(CHAT);
    assertThat(parsed.stream()).isTrue();
    assertThat(parsed.streamRenderer()).isNotSameAs(parsed.streamRenderer());
    assertThat(parsed.aggregator()).isNotSameAs(parsed.aggregator());
  }

  @Test
  void theOpenAiDialectIsParsedIntoItsOwnRendererAndAggregator() throws Exception {
    var body = new ObjectMapper().readTree("""
        {"model":"auto","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

    ChatTranslation.Parsed parsed = new OpenAiTranslation(
            new OpenAiDialect(new ModelCatalog(Map.of()), Clock.systemUTC()))
        .parse(body);

    assertThat(parsed.stream()).isTrue();
    assertThat(parsed.streamRenderer().getClass().getSimpleName())
        .isEqualTo("OpenAiStreamRenderer");
    assertThat(parsed.aggregator().getClass().getSimpleName())
        .isEqualTo("OpenAiResponseAggregator");
  }

  @Test
  void rejectsAMissingPart() {
    assertThatThrownBy(() -> ChatTranslation.parsed(null, false, Renderer::new, Aggregator::new))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("chat");
    assertThatThrownBy(() -> ChatTranslation.parsed(CHAT, false, null, Aggregator::new))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("renderers");
  }

  private static final class Renderer implements ChatTranslation.StreamRenderer {
    @Override
    public String head() {
      return "";
    }

    @Override
    public String onEvent(ChatEvent event) {
      return "";
    }

    @Override
    public String error(GatewayException failure) {
      return "";
    }

    @Override
    public String keepAlive() {
      return "";
    }
  }

  private static final class Aggregator implements ChatTranslation.ResponseAggregator {
    @Override
    public void accept(ChatEvent event) {}

    @Override
    public String json() {
      return "{}";
    }
  }
}

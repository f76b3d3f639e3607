package dev.warp2api.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.api.ModelCatalog;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.Usage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade the HTTP layer uses: parse, then render, echoing the requested model. */
class OpenAiDialectRoundTripTest {
  private final OpenAiDialect dialect = new OpenAiDialect(
      new ModelCatalog(Map.of("fast", "claude-4-5-haiku")),
      Clock.fixed(Instant.ofEpochSecond(1_750_000_000L), ZoneOffset.UTC));

  @Test
  void streamEchoesTheRequestedModelAndHonoursIncludeUsage() {
    ParsedChat parsed = dialect.parse(OpenAiFixtures.json("""
        {"model":"FAST","stream":true,"stream_options":{"include_usage":true},
         "messages":[{"role":"user","content":"12345678"}]}"""));
    assertThat(parsed.chat().model()).isEqualTo("claude-4-5-haiku");
    OpenAiStreamRenderer r = dialect.streamRenderer(parsed);
    String text = r.head()
        + r.onEvent(new ChatEvent.TextDelta("ok"))
        + r.onEvent(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    assertThat(text)
        .contains("\"created\":1750000000,\"model\":\"FAST\"")
        // 8 characters = 2 tokens, plus 3 framing tokens for the message (core.TokenEstimator).
        .contains("\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}");
  }

  @Test
  void nonStreamUsesTheRequestEstimateForPromptTokens() {
    ParsedChat parsed = dialect.parse(OpenAiFixtures.json("""
        {"model":"auto","messages":[{"role":"system","content":"1234"},{"role":"user","content":"12345678"}]}"""));
    OpenAiResponseAggregator a = dialect.aggregator(parsed);
    a.accept(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    // 12 characters = 3 tokens, plus 3 framing tokens each for the system prompt and the message.
    assertThat(a.completion().at("/usage/prompt_tokens").asLong()).isEqualTo(9);
    assertThat(a.completion().get("model").asText()).isEqualTo("auto");
  }

  @Test
  void listsAndLooksUpModels() {
    assertThat(dialect.models().get("data").size()).isGreaterThan(20);
    assertThat(dialect.model("fast").get("id").asText()).isEqualTo("fast");
    assertThatThrownBy(() -> dialect.model("nope"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
          assertThat(OpenAiErrors.body(e).at("/error/code").asText()).isEqualTo("model_not_found");
        });
  }
}

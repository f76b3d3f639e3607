package dev.warp2api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.anthropic.AnthropicTranslation;
import dev.warp2api.api.openai.OpenAiDialect;
import dev.warp2api.api.openai.OpenAiTranslation;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.BuildOptions;
import dev.warp2api.warp.protocol.RequestBuilder;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestPathRehearsalTest {
  private static final String OPENAI_BODY =
      "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ANTHROPIC_BODY =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static ModelCatalog catalog() {
    return ModelCatalog.from(
        SettingsLoader.load(Map.of(), Path.of("/nonexistent")).settings());
  }

  @Test
  void rendersTheCannedAnswerInBothDialectsStreamedAndWhole() {
    ModelCatalog catalog = catalog();
    RequestPathRehearsal rehearsal = new RequestPathRehearsal(
        Map.of(
            OPENAI_BODY, new OpenAiTranslation(new OpenAiDialect(catalog, Clock.systemUTC())),
            ANTHROPIC_BODY, new AnthropicTranslation(catalog)),
        chat ->
            Buffer.buffer(RequestBuilder.build(chat, BuildOptions.defaults()).toByteArray()));

    List<String> rendered = rehearsal.run();

    assertThat(rendered).hasSize(4);
    assertThat(rendered)
        .allSatisfy(text -> assertThat(text).contains("Hello").contains("rehearsal"));
    assertThat(rendered).anySatisfy(text -> assertThat(text).contains("chat.completion.chunk"));
    assertThat(rendered).anySatisfy(text -> assertThat(text).contains("content_block_delta"));
  }

  @Test
  void aBodyTheDialectRejectsFailsTheRehearsalInsteadOfPassingSilently() {
    RequestPathRehearsal rehearsal = new RequestPathRehearsal(
        Map.of("{\"messages\":[]}", new AnthropicTranslation(catalog())),
        chat -> Buffer.buffer("x"));

    assertThatThrownBy(rehearsal::run).isInstanceOf(GatewayException.class);
  }
}

package dev.warp2api.e2e.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCreateParams;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * With {@code API_TOKEN} set: the SDK's {@code x-api-key} and {@code Authorization: Bearer} both
 * work; {@code HEAD /} stays open.
 */
class SdkAuthTest {
  private static final MessageCreateParams HI = MessageCreateParams.builder()
      .model("claude-sonnet-4-5-20250929")
      .maxTokens(64)
      .addUserMessage("Hi")
      .build();

  @AutoClose
  private final TestStack stack = AnthropicE2e.stack(Map.of("API_TOKEN", AnthropicE2e.CLIENT_KEY));

  private String answerWith(UnaryOperator<AnthropicOkHttpClient.Builder> auth) {
    AnthropicClient client = auth.apply(
            AnthropicOkHttpClient.builder().baseUrl(stack.baseUrl()).maxRetries(0))
        .build();
    try {
      return client.messages().create(HI).content().get(0).asText().text();
    } finally {
      client.close();
    }
  }

  @Test
  void acceptsTheKeyAsXApiKey() {
    stack.sim.enqueue(SimReply.text("via x-api-key"));
    assertThat(answerWith(b -> b.apiKey(AnthropicE2e.CLIENT_KEY))).isEqualTo("via x-api-key");
  }

  @Test
  void acceptsTheKeyAsBearerToken() {
    stack.sim.enqueue(SimReply.text("via bearer"));
    assertThat(answerWith(b -> b.authToken(AnthropicE2e.CLIENT_KEY))).isEqualTo("via bearer");
  }

  @Test
  void rejectsAWrongKeyWithoutEchoingIt() {
    assertThatThrownBy(() -> answerWith(b -> b.apiKey("sk-wrong-key-123456")))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.errorType()).contains(ErrorType.AUTHENTICATION_ERROR);
          assertThat(e.body().toString())
              .doesNotContain("sk-wrong-key-123456")
              .doesNotContain("sk-wrong");
          assertThat(e.requestId()).isPresent();
        });
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void headOfTheRootIsAnsweredWithoutAKey() {
    HttpResponse<String> r = stack.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("user-agent", "Bun/1.4.0")
        .build());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}

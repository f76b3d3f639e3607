package dev.warp2api.e2e.openai;

import static dev.warp2api.e2e.openai.OpenAiE2e.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * With {@code API_TOKEN} set only its keys get in, by either header, and a wrong key is never
 * echoed.
 */
class SdkClientKeyTest {
  private static final String WRONG_KEY = "sk-wrong-secret-key-4711";
  private static final ChatCompletionCreateParams ASK =
      ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("Hi").build();

  @AutoClose
  private final TestStack stack = OpenAiE2e.start("API_TOKEN", "key-one,key-two");

  @Test
  void wrongKeyIsUnauthorizedAndTheKeyAppearsNowhereInTheAnswer() {
    OpenAIClient client = OpenAiE2e.sdk(stack, WRONG_KEY);
    try {
      UnauthorizedException e = catchThrowableOfType(
          UnauthorizedException.class, () -> client.chat().completions().create(ASK));
      assertThat(e.statusCode()).isEqualTo(401);
      assertThat(e.code()).contains("invalid_api_key");
      assertThat(e.getMessage()).doesNotContain(WRONG_KEY).doesNotContain("sk-wrong");
      assertThat(e.body().toString()).doesNotContain(WRONG_KEY).doesNotContain("sk-wrong");
    } finally {
      client.close();
    }
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void everyConfiguredKeyIsAcceptedAsBearer() {
    stack.sim.enqueue(SimReply.text("one")).enqueue(SimReply.text("two"));
    for (String key : new String[] {"key-one", "key-two"}) {
      OpenAIClient client = OpenAiE2e.sdk(stack, key);
      try {
        assertThat(client
                .chat()
                .completions()
                .create(ASK)
                .choices()
                .get(0)
                .message()
                .content())
            .isPresent();
      } finally {
        client.close();
      }
    }
  }

  @Test
  void keyIsAlsoAcceptedAsXApiKeyAndMissingKeyIsRejected() {
    stack.sim.enqueue(SimReply.text("via x-api-key"));
    String body =
        "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<String> ok = stack.post("/v1/chat/completions", body, "x-api-key", "key-two");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("via x-api-key");

    HttpResponse<String> none = stack.post("/v1/chat/completions", body);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(OpenAiE2e.parse(none.body()).at("/error/code").asText())
        .isEqualTo("invalid_api_key");
    HttpResponse<String> models = stack.get("/v1/models", "authorization", "Bearer " + WRONG_KEY);
    assertThat(models.statusCode()).isEqualTo(401);
    assertThat(models.body()).doesNotContain(WRONG_KEY);
  }
}

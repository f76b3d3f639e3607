package dev.warp2api.e2e.openai;

import static dev.warp2api.e2e.openai.OpenAiE2e.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The SDK raises the exception class OpenAI's own API would cause, with OpenAI's error codes. */
class SdkErrorsTest {
  @AutoClose
  private final StackWithClient<OpenAIClient> e2e = OpenAiE2e.startWithSdk();

  private final TestStack stack = e2e.stack();
  private final OpenAIClient client = e2e.client();

  private static ChatCompletionCreateParams ask(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addUserMessage("Hi")
        .build();
  }

  @Test
  void unknownModelIsNotFoundWithCodeModelNotFound() {
    NotFoundException e = catchThrowableOfType(
        NotFoundException.class,
        () -> client.chat().completions().create(ask("no-such-model-xyz")));
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.code()).contains("model_not_found");
    assertThat(e.param()).contains("model");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void allCredentialsExhaustedIsRateLimitWithInsufficientQuotaAndRetryAfter() {
    stack.sim.setCreditsUsed("alpha", 100);
    RateLimitException e = catchThrowableOfType(
        RateLimitException.class, () -> client.chat().completions().create(ask(MODEL)));
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.code()).contains("insufficient_quota");
    assertThat(e.headers().values("retry-after"))
        .singleElement()
        .satisfies(v -> assertThat(Long.parseLong(v)).isPositive());
  }

  @Test
  void conversationEndingWithAnAssistantMessageIsBadRequestNamingMessages() {
    ChatCompletionCreateParams p = ChatCompletionCreateParams.builder()
        .model(MODEL)
        .addUserMessage("Hi")
        .addMessage(
            ChatCompletionAssistantMessageParam.builder().content("Hello!").build())
        .build();
    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> client.chat().completions().create(p));
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.param()).contains("messages");
    assertThat(e.type()).contains("invalid_request_error");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void requestWarpRejectsAsMalformedIsBadRequestWithoutFailover() {
    stack.sim.enqueue(SimFault.BAD_REQUEST_400);
    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> client.chat().completions().create(ask(MODEL)));
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.code()).contains("upstream_bad_request");
    assertThat(stack.sim.requestCount()).isEqualTo(1);
  }
}

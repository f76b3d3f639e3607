package dev.warp2api.e2e.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCreateParams;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Errors as the official SDK sees them: the exception class, the Anthropic error type, the headers.
 */
class SdkErrorsTest {
  @AutoClose
  private final StackWithClient<AnthropicClient> e2e = AnthropicE2e.stackWithSdk();

  private final TestStack stack = e2e.stack();
  private final AnthropicClient client = e2e.client();

  private static MessageCreateParams ask(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(256)
        .addUserMessage("Hi")
        .build();
  }

  @Test
  void unknownModelIsNotFoundNamingTheModel() {
    assertThatThrownBy(() -> client.messages().create(ask("claude-nonexistent-9")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.errorType()).contains(ErrorType.NOT_FOUND_ERROR);
          assertThat(e.apiMessage())
              .hasValueSatisfying(m -> assertThat(m).contains("claude-nonexistent-9"));
          assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        });
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void exhaustedQuotaIsRateLimitedWithRetryAfter() {
    stack.sim.enqueue(SimFault.QUOTA_429);
    assertThatThrownBy(() -> client.messages().create(ask("claude-sonnet-4-5")))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.errorType()).contains(ErrorType.RATE_LIMIT_ERROR);
          assertThat(e.headers().values("retry-after"))
              .singleElement()
              .satisfies(v -> assertThat(Long.parseLong(v)).isPositive());
        });
    // The pool now knows the only account is exhausted: the next call is refused without reaching
    // Warp.
    long before = stack.sim.requestCount();
    assertThatThrownBy(() -> client.messages().create(ask("claude-sonnet-4-5")))
        .isInstanceOf(RateLimitException.class);
    assertThat(stack.sim.requestCount()).isEqualTo(before);
  }

  @Test
  void missingMaxTokensIsABadRequestNamingTheField() {
    HttpResponse<String> raw = stack.post(
        "/v1/messages",
        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(AnthropicE2e.json(raw.body()).at("/error/message").asText()).contains("max_tokens");

    MessageCreateParams noMax = MessageCreateParams.builder()
        .model("claude-sonnet-4-5")
        .maxTokens(1)
        .addUserMessage("Hi")
        .putAdditionalBodyProperty("max_tokens", JsonValue.from("lots"))
        .build();
    assertThatThrownBy(() -> client.messages().create(noMax))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.errorType()).contains(ErrorType.INVALID_REQUEST_ERROR);
          assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("max_tokens"));
          assertThat(e.requestId()).isPresent();
        });
    assertThat(stack.sim.requestCount()).isZero();
  }
}

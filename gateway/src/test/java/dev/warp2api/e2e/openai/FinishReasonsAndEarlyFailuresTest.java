package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.pool.CredentialState;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimFinish;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Warp's finish reasons become OpenAI's (docs/PROTOCOL.md, 'Finish reasons') in both modes, and a
 * stream that fails before any output gets an HTTP error status, not a 200 carrying an error.
 */
class FinishReasonsAndEarlyFailuresTest {
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

  @AutoClose
  private final TestStack stack = OpenAiE2e.start();

  private static SimFinish finish(String name) {
    return switch (name) {
      case "DONE" -> SimFinish.DONE;
      case "MAX_TOKEN_LIMIT" -> SimFinish.MAX_TOKEN_LIMIT;
      case "CONTEXT_WINDOW_EXCEEDED" -> SimFinish.CONTEXT_WINDOW_EXCEEDED;
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @CsvSource({"DONE,stop", "MAX_TOKEN_LIMIT,length", "CONTEXT_WINDOW_EXCEEDED,length"})
  void warpFinishAfterTextMapsToOpenAiFinishReasonInBothModes(String warp, String openAi) {
    stack.sim.enqueue(SimReply.text("Some output.").endingWith(finish(warp)));
    stack.sim.enqueue(SimReply.text("Some output.").endingWith(finish(warp)));
    HttpResponse<String> whole = stack.post("/v1/chat/completions", ASK + "}");
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(OpenAiE2e.parse(whole.body()).at("/choices/0/finish_reason").asText())
        .isEqualTo(openAi);

    HttpResponse<String> streamed = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body())
        .contains("\"finish_reason\":\"" + openAi + "\"")
        .endsWith("data: [DONE]\n\n");
    assertThat(SseBodies.openAiText(streamed.body())).isEqualTo("Some output.");
  }

  @Test
  void quotaLimitAfterTextEndsWithLengthAndMarksTheCredentialExhausted() throws Exception {
    stack.sim.enqueue(SimReply.text("Some output.").endingWith(SimFinish.QUOTA_LIMIT));
    HttpResponse<String> streamed = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body())
        .contains("\"finish_reason\":\"length\"")
        .endsWith("data: [DONE]\n\n");
    assertThat(SseBodies.openAiText(streamed.body())).isEqualTo("Some output.");
    assertThat(Await.within(
            Duration.ofSeconds(5),
            () -> stack.gateway.pool().snapshot().get(0).state() == CredentialState.EXHAUSTED))
        .isTrue();

    HttpResponse<String> next = stack.post("/v1/chat/completions", ASK + "}");
    assertThat(next.statusCode()).isEqualTo(429);
    assertThat(OpenAiE2e.parse(next.body()).at("/error/code").asText())
        .isEqualTo("insufficient_quota");
    assertThat(next.headers().firstValue("retry-after")).isPresent();
  }

  @Test
  void streamFailingUpstreamBeforeAnyOutputIsAnHttp502InOpenAiShape() {
    for (int i = 0; i < 10; i++) {
      stack.sim.enqueue(SimFault.SERVER_500_EMPTY);
    }
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    JsonNode error = OpenAiE2e.parse(r.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("upstream_error");
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(stack.sim.requestCount()).isGreaterThan(1);
  }

  @Test
  void streamWhoseOnlyCredentialRunsOutOfQuotaBeforeAnyOutputIsAnHttp429WithRetryAfter() {
    // Warp accepted the request (HTTP 200) and then ended the turn with quota_limit before any
    // content:
    // the client must still see the status and Retry-After, which an SDK retries on.
    stack.sim.enqueue(SimReply.finish(SimFinish.QUOTA_LIMIT));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    assertThat(OpenAiE2e.parse(r.body()).at("/error/code").asText())
        .isEqualTo("insufficient_quota");
    assertThat(r.body()).doesNotContain("data:");
  }

  @Test
  void streamWhoseModelIsUnavailableOnEveryAttemptIsAnHttp502() {
    for (int i = 0; i < 10; i++) {
      stack.sim.enqueue(SimReply.finish(SimFinish.LLM_UNAVAILABLE));
    }
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(OpenAiE2e.parse(r.body()).at("/error/type").asText()).isEqualTo("server_error");
    assertThat(stack.sim.requestCount()).isGreaterThan(1);
  }

  @Test
  void upstreamFailureBeforeOutputIsRetriedInvisibly() {
    stack.sim.enqueue(SimFault.SERVER_500_EMPTY).enqueue(SimReply.text("Recovered."));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("Recovered.");
    assertThat(r.body()).doesNotContain("\"error\"").endsWith("data: [DONE]\n\n");
    assertThat(stack.sim.requestCount()).isEqualTo(2);
  }
}

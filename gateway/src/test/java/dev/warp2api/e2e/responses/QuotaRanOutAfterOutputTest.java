package dev.warp2api.e2e.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.e2e.responses.ResponsesE2e.Event;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimFinish;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A credential's quota that runs out after some output: the Responses stream ends in
 * {@code response.failed} saying whether asking again can help ({@code rate_limit_exceeded} with
 * the delay while another credential has credit, {@code insufficient_quota} once none has), and the
 * chat dialects keep the answer cut as at a token limit whatever the pool holds, their next request
 * being told the same as a new Responses request would.
 */
class QuotaRanOutAfterOutputTest {
  private static final String T1 = "rt-quota-after-output-one-7c1d";
  private static final String T2 = "rt-quota-after-output-two-3e9a";
  private static final String ASK = "{\"model\":\"claude-4-5-sonnet\",\"input\":\"Tell me\"";
  private static final String CHAT =
      "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String MESSAGES =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults()
          .withAccounts(
              SimAccountSpec.of(T1, "personal-1", 100), SimAccountSpec.of(T2, "personal-2", 100)),
      Map.of("WARP_PERSONAL_TOKENS", T1 + "," + T2));

  private static SimReply partialThenQuota() {
    return SimReply.text("a partial answer").inDeltas(2).endingWith(SimFinish.QUOTA_LIMIT);
  }

  /** The one terminal event of a Responses stream, after the partial answer was streamed. */
  private static JsonNode failedResponse(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Event> events = ResponsesE2e.events(r.body());
    assertThat(events)
        .extracting(Event::type)
        .contains("response.output_text.delta")
        .doesNotContain("response.completed", "response.incomplete")
        .containsOnlyOnce("response.failed");
    Event last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo("response.failed");
    assertThat(last.data().at("/response/status").asText()).isEqualTo("failed");
    return last.data().get("response");
  }

  @Test
  void whileAnotherCredentialHasCreditTheStreamFailsWithRateLimitExceededAndAOneSecondDelay() {
    stack.sim.enqueueFor("personal-1", partialThenQuota());
    JsonNode response = failedResponse(stack.post("/v1/responses", ASK + ",\"stream\":true}"));
    assertThat(response.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(response.at("/error/message").asText())
        .contains("another credential can serve")
        .endsWith("Please try again in 1s.");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1");

    HttpResponse<String> again = stack.post("/v1/responses", ASK + ",\"stream\":true}");
    assertThat(ResponsesE2e.events(again.body()))
        .extracting(Event::type)
        .endsWith("response.completed");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
  }

  @Test
  void whenNoCredentialHasQuotaLeftTheStreamFailsWithInsufficientQuotaAndTheSoonestReset() {
    stack.sim.enqueueFor("personal-1", SimReply.finish(SimFinish.QUOTA_LIMIT));
    stack.sim.enqueueFor("personal-2", partialThenQuota());
    JsonNode response = failedResponse(stack.post("/v1/responses", ASK + ",\"stream\":true}"));
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
    assertThat(response.at("/error/code").asText()).isEqualTo("insufficient_quota");
    assertThat(response.at("/error/message").asText())
        .containsPattern("no Warp credential has quota left, the soonest resets in \\d+ s\\.$")
        .doesNotContain("try again");
    assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("a partial answer");

    HttpResponse<String> next = stack.post("/v1/responses", ASK + ",\"stream\":true}");
    assertThat(next.statusCode()).isEqualTo(429);
    assertThat(ResponsesE2e.parse(next.body()).at("/error/code").asText())
        .isEqualTo("insufficient_quota");
  }

  @Test
  void withoutStreamTheSameEndingIsA200FailedResponse() {
    stack.sim.enqueueFor("personal-1", SimReply.finish(SimFinish.QUOTA_LIMIT));
    stack.sim.enqueueFor("personal-2", partialThenQuota());
    HttpResponse<String> r = stack.post("/v1/responses", ASK + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = ResponsesE2e.parse(r.body());
    assertThat(body.get("status").asText()).isEqualTo("failed");
    assertThat(body.at("/error/code").asText()).isEqualTo("insufficient_quota");
  }

  @Test
  void chatCompletionsKeepsTheCutAnswerAsLengthWithOrWithoutCreditLeftAndTheNextRequestIsTold() {
    stack.sim.enqueueFor("personal-1", partialThenQuota());
    HttpResponse<String> withCredit = stack.post("/v1/chat/completions", CHAT);
    assertThat(SseBodies.openAiText(withCredit.body())).isEqualTo("a partial answer");
    assertThat(withCredit.body())
        .contains("\"finish_reason\":\"length\"")
        .endsWith("data: [DONE]\n\n");

    stack.sim.enqueueFor("personal-2", partialThenQuota());
    HttpResponse<String> lastCredit = stack.post("/v1/chat/completions", CHAT);
    assertThat(SseBodies.openAiText(lastCredit.body())).isEqualTo("a partial answer");
    assertThat(lastCredit.body())
        .contains("\"finish_reason\":\"length\"")
        .endsWith("data: [DONE]\n\n");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");

    HttpResponse<String> next = stack.post("/v1/chat/completions", CHAT);
    assertThat(next.statusCode()).isEqualTo(429);
    assertThat(ResponsesE2e.parse(next.body()).at("/error/code").asText())
        .isEqualTo("insufficient_quota");
  }

  @Test
  void anthropicKeepsTheCutAnswerAsMaxTokensWithOrWithoutCreditLeftAndTheNextRequestIsTold() {
    stack.sim.enqueueFor("personal-1", partialThenQuota());
    stack.sim.enqueueFor("personal-2", partialThenQuota());
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = stack.post("/v1/messages", MESSAGES, "x-api-key", "k");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body())
          .contains("\"stop_reason\":\"max_tokens\"")
          .contains("event: message_stop")
          .doesNotContain("event: error");
    }
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");

    HttpResponse<String> next = stack.post("/v1/messages", MESSAGES, "x-api-key", "k");
    assertThat(next.statusCode()).isEqualTo(429);
    assertThat(ResponsesE2e.parse(next.body()).at("/error/type").asText())
        .isEqualTo("rate_limit_error");
  }
}

package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimFinish;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Once output reached the client there is no failover: a cut stream ends with an OpenAI error
 * event, a {@code quota_limit} finish ends as {@code length} and rests the credential. Before
 * output, both fail over.
 */
class StreamEndingsAfterOutputTest {
  @AutoClose
  private final TestStack stack =
      TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void streamCutAfterOutputEndsWithAnErrorEventAndIsNotRepeated() {
    stack.sim.enqueueFor("personal-1", SimFault.disconnectAfter(8));
    HttpResponse<String> r = stack.chat(true, "hi");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SseBodies.openAiText(r.body())).as("some output was sent first").isNotEmpty();
    List<String> data = SseBodies.dataLines(r.body());
    String last = data.get(data.size() - 1);
    assertThat(last).startsWith("{\"error\"");
    assertThat(json(last).at("/error/message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("[DONE]").doesNotContain("\"finish_reason\":\"stop\"");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1");
  }

  @Test
  void nonStreamingAnswerCutMidwayIsRetriedWholeElsewhere() {
    stack.sim.enqueueFor("personal-1", SimFault.disconnectAfter(8));
    stack.sim.enqueueFor("personal-2", SimReply.text("the one answer").inDeltas(3));
    HttpResponse<String> r = stack.chat(false, "hi");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r.body()).at("/choices/0/message/content").asText())
        .isEqualTo("the one answer");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
  }

  @Test
  void quotaLimitBeforeAnyOutputFailsOver() {
    stack.sim.enqueueFor("personal-1", SimReply.finish(SimFinish.QUOTA_LIMIT));
    stack.sim.enqueueFor("personal-2", SimReply.text("from personal-2"));
    HttpResponse<String> r = stack.chat(true, "hi");
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("from personal-2");
    assertThat(r.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("exhausted");
  }

  @Test
  void quotaLimitAfterOutputEndsAsLengthAndExhaustsTheCredential() {
    stack.sim.enqueueFor(
        "personal-1",
        SimReply.text("a partial answer").inDeltas(2).endingWith(SimFinish.QUOTA_LIMIT));
    HttpResponse<String> r = stack.chat(true, "hi");
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("a partial answer");
    assertThat(r.body()).contains("\"finish_reason\":\"length\"").endsWith("data: [DONE]\n\n");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1");
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("exhausted");

    assertThat(stack.chat(false, "next").statusCode()).isEqualTo(200);
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
  }
}

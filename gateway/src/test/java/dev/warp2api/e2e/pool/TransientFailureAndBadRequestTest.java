package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 5xx and disconnects before any output are retried on another credential; a 400 from Warp is not.
 */
class TransientFailureAndBadRequestTest {
  @AutoClose
  private final TestStack stack =
      TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void serverErrorIsRetriedOnAnotherCredential() {
    stack.sim.enqueueFor("personal-1", SimFault.SERVER_500_EMPTY);
    stack.sim.enqueueFor("personal-2", SimReply.text("second try"));
    HttpResponse<String> r = stack.chat(false, "hi");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r.body()).at("/choices/0/message/content").asText()).isEqualTo("second try");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
    assertThat(stack.sim.requests()).extracting(x -> x.status()).containsExactly(500, 200);
  }

  @Test
  void disconnectBeforeTheResponseIsRetriedOnAnotherCredential() {
    stack.sim.enqueueFor("personal-1", SimFault.DISCONNECT_BEFORE_RESPONSE);
    stack.sim.enqueueFor("personal-2", SimReply.text("after the drop").inDeltas(2));
    HttpResponse<String> r = stack.chat(true, "hi");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("after the drop");
    assertThat(r.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
  }

  @Test
  void streamCutBeforeAnyOutputIsRetriedWithoutATraceForTheClient() {
    stack.sim.enqueueFor("personal-1", SimFault.disconnectAfter(3));
    stack.sim.enqueueFor("personal-2", SimReply.text("whole answer").inDeltas(3));
    HttpResponse<String> r = stack.chat(true, "hi");
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("whole answer");
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    assertThat(r.body().split("\"role\":\"assistant\"", -1))
        .as("one assistant head")
        .hasSize(2);
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
  }

  @Test
  void badRequestFromWarpIsA400WithoutFailover() {
    stack.sim.enqueueFor("personal-1", SimFault.BAD_REQUEST_400);
    HttpResponse<String> r = stack.chat(false, "hi");
    assertThat(r.statusCode()).isEqualTo(400);
    var error = json(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).containsIgnoringCase("Warp rejected the request");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1");
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("available");
  }
}

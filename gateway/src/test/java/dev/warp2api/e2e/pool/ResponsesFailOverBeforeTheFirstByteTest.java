package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/responses} fails over like the other chat routes: a credential Warp answers with
 * an overload before any content cools down, and the next one serves the turn without a trace of
 * the failed attempt in the stream.
 */
class ResponsesFailOverBeforeTheFirstByteTest {
  @AutoClose
  private final TestStack stack =
      TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void anOverloadedCredentialIsFailedOverAndTheStreamHasOneCreatedAndOneCompleted() {
    stack.sim.enqueueFor("personal-1", SimFault.overloaded(Duration.ofSeconds(30)));

    HttpResponse<String> r = stack.post(
        "/v1/responses", "{\"model\":\"claude-4-5-sonnet\",\"input\":\"hi\",\"stream\":true}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
    assertThat(r.body().split("event: response.created\n", -1)).hasSize(2);
    assertThat(r.body().split("event: response.completed\n", -1)).hasSize(2);
    assertThat(r.body()).doesNotContain("response.failed");
    assertThat(PoolStacks.credential(stack, "personal-1").path("state").asText())
        .isEqualTo("cooling");
  }
}

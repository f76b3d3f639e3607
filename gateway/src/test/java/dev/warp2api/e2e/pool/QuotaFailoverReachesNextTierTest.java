package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A quota 429 on each personal credential moves the request to the next one, then to the shared
 * tier.
 */
class QuotaFailoverReachesNextTierTest {
  private static final Instant P1_RESET = Instant.parse("2026-01-20T08:00:00Z");

  @AutoClose
  private final TestStack stack = TestStack.start(
      PoolStacks.threeAccounts(
          SimAccountSpec.of(PoolStacks.P1, "personal-1", 100).withNextRefreshTime(P1_RESET)),
      PoolStacks.threeTokens());

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void nonStreamingRequestFailsOverThroughBothPersonalCredentialsToShared() {
    stack.sim.enqueueFor("personal-1", SimFault.QUOTA_429);
    stack.sim.enqueueFor("personal-2", SimFault.QUOTA_429);
    stack.sim.enqueueFor("shared-1", SimReply.text("from the shared tier"));

    HttpResponse<String> r = stack.chat(false, "hello");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r.body()).at("/choices/0/message/content").asText())
        .isEqualTo("from the shared tier");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2", "shared-1");
    assertThat(stack.sim.requests()).extracting(x -> x.status()).containsExactly(429, 429, 200);
  }

  @Test
  void streamingRequestFailsOverBeforeAnyByteReachesTheClient() {
    stack.sim.enqueueFor("personal-1", SimFault.QUOTA_429);
    stack.sim.enqueueFor("personal-2", SimFault.QUOTA_429);
    stack.sim.enqueueFor("shared-1", SimReply.text("streamed from shared").inDeltas(3));

    HttpResponse<String> r = stack.chat(true, "hello");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("streamed from shared");
    assertThat(r.body()).doesNotContain("\"error\"").endsWith("data: [DONE]\n\n");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2", "shared-1");
  }

  @Test
  void failedOverCredentialsAreExhaustedUntilTheirOwnResetAndNotCalledAgain() {
    stack.sim.setCreditsUsed("personal-1", 100); // out of credits, discovered by the 429 itself
    stack.sim.enqueueFor("personal-2", SimFault.QUOTA_429);

    assertThat(stack.chat(false, "first").statusCode()).isEqualTo(200);
    // The 429 is followed by a GetRequestLimitInfo read: personal-1 rests until the account's own
    // reset.
    stack.await(
        "personal-1 rests until its reset",
        () -> credential(stack, "personal-1")
            .path("cooldown_until")
            .asText()
            .equals(P1_RESET.toString()));
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("exhausted");
    assertThat(credential(stack, "personal-1").at("/quota/resets_at").asText())
        .isEqualTo(P1_RESET.toString());
    assertThat(credential(stack, "personal-2").path("state").asText()).isEqualTo("exhausted");

    for (int i = 0; i < 4; i++) {
      assertThat(stack.chat(i % 2 == 0, "again " + i).statusCode()).isEqualTo(200);
    }
    assertThat(stack.upstreamAccounts())
        .containsExactly(
            "personal-1", "personal-2", "shared-1", "shared-1", "shared-1", "shared-1", "shared-1");
  }
}

package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Warp echoes the user's query back in one event (base64, 4/3 larger): the event bound follows the
 * body limit, so any body under it is read back. An event the gateway still cannot read fails the
 * call at once: another credential would get the same event, and each try spends quota.
 */
class LargeEventsTest {
  /** Event bound: 14 MiB x 4/3 + 1 MiB = ~19.7 MiB, above the 16 MiB default. */
  @AutoClose
  private final TestStack stack = TestStack.start(
      PoolStacks.threeAccounts(), PoolStacks.threeTokens("W2A_MAX_BODY_BYTES", "14MiB"));

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void aQueryJustUnderTheBodyLimitIsReadBackWhenWarpEchoesIt() {
    stack.sim.enqueueFor("personal-1", SimReply.text("read it"));
    HttpResponse<String> r = stack.chat(false, "q".repeat(14 * 1024 * 1024 - 200));
    assertThat(r.statusCode())
        .as(r.body().substring(0, Math.min(300, r.body().length())))
        .isEqualTo(200);
    assertThat(json(r.body()).at("/choices/0/message/content").asText()).isEqualTo("read it");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1");
  }

  @Test
  void anEventTooLargeToReadIsA502WithoutFailover() {
    stack.sim.enqueueFor("personal-1", SimReply.text("x".repeat(16_000_000)).inDeltas(1));
    stack.sim.enqueueFor("personal-2", SimReply.text("second try"));
    HttpResponse<String> r = stack.chat(false, "hi");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(json(r.body()).at("/error/message").asText())
        .isEqualTo("Warp failed after 1 attempt(s): Warp sent an event the gateway could not read");
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1");
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("available");
  }
}

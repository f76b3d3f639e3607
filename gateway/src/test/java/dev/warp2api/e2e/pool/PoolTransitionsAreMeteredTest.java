package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} counts the pool's moves: exhaustions and cooldowns by reason, outcomes. */
class PoolTransitionsAreMeteredTest {
  @AutoClose
  private final TestStack stack =
      TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void aQuotaFailoverIsCountedByCredentialNewStateReasonAndOutcome() {
    stack.sim.enqueueFor("personal-1", SimFault.QUOTA_429);
    stack.sim.enqueueFor("personal-2", SimReply.text("served"));
    assertThat(stack.chat(false, "first").statusCode()).isEqualTo(200);

    String metrics = stack.get("/metrics").body();
    assertThat(metrics)
        .contains(
            "warp2api_pool_transitions_total{credential=\"personal-1\",reason=\"quota\",to=\"exhausted\"}",
            "warp2api_pool_outcomes_total{credential=\"personal-1\",outcome=\"quota_exhausted\"} 1.0",
            "warp2api_pool_outcomes_total{credential=\"personal-2\",outcome=\"succeeded\"} 1.0");
    assertThat(metrics).doesNotContain(PoolStacks.P1, PoolStacks.P2, PoolStacks.S1);
  }
}

package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account whose quota reading says zero is skipped without spending a call on it until its own
 * reset ({@code nextRefreshTime}), and is probed once the clock passes that reset.
 */
class ExhaustedCredentialIsProbedAfterResetTest {
  private static final Instant RESET = Instant.parse("2026-01-15T12:00:00Z");

  @AutoClose
  private final TestStack stack = TestStack.start(
      PoolStacks.threeAccounts(SimAccountSpec.of(PoolStacks.P1, "personal-1", 50)
          .withUsed(50)
          .withNextRefreshTime(RESET)),
      PoolStacks.threeTokens());

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void adminPoolShowsExhaustedUntilTheAccountsOwnReset() {
    var p1 = credential(stack, "personal-1");
    assertThat(p1.path("state").asText()).isEqualTo("exhausted");
    assertThat(p1.at("/quota/limit").asLong()).isEqualTo(50);
    assertThat(p1.at("/quota/used").asLong()).isEqualTo(50);
    assertThat(p1.at("/quota/resets_at").asText()).isEqualTo(RESET.toString());
    assertThat(p1.path("cooldown_until").asText()).isEqualTo(RESET.toString());
    assertThat(stack.upstreamAccounts())
        .as("the quota read alone decided; no AI call was spent")
        .isEmpty();
  }

  @Test
  void isNotCalledBeforeItsResetAndIsProbedOnceAfter() {
    for (int i = 0; i < 4; i++) {
      assertThat(stack.chat(i % 2 == 1, "before reset " + i).statusCode()).isEqualTo(200);
    }
    stack.clock.advance(Duration.ofMinutes(119));
    assertThat(stack.chat(false, "a minute before the reset").statusCode()).isEqualTo(200);
    assertThat(stack.upstreamAccounts()).doesNotContain("personal-1").hasSize(5);

    stack.clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 2; i++) {
      assertThat(stack.chat(false, "after reset " + i).statusCode()).isEqualTo(200);
    }
    assertThat(Collections.frequency(stack.upstreamAccounts(), "personal-1")).isEqualTo(1);
    assertThat(stack.sim.requests().stream()
            .filter(r -> r.accountLabel().equals("personal-1"))
            .findFirst()
            .orElseThrow()
            .status())
        .isEqualTo(200);
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("available");
  }
}

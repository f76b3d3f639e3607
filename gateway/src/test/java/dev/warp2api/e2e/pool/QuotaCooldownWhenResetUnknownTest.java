package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.TestStack;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When {@code GetRequestLimitInfo} cannot be read (here: the GraphQL URL answers 404), a quota
 * failure rests the credential for {@code W2A_QUOTA_COOLDOWN}, after which one probe request
 * decides.
 */
class QuotaCooldownWhenResetUnknownTest {
  @AutoClose
  private final TestStack stack = TestStack.start(
      PoolStacks.threeAccounts(),
      PoolStacks.threeTokens(
          "WARP_GRAPHQL_URL", "${SIM}/no-graphql-here", "W2A_QUOTA_COOLDOWN", "10m"));

  @BeforeEach
  void start() {
    stack.sim.setCreditsUsed("personal-1", 100);
  }

  @Test
  void restsForTheConfiguredCooldownThenOneProbeDecides() {
    assertThat(stack.chat(false, "first").statusCode()).isEqualTo(200);
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
    var p1 = credential(stack, "personal-1");
    assertThat(p1.path("state").asText()).isEqualTo("exhausted");
    assertThat(p1.path("quota").isNull()).as("quota could not be read").isTrue();
    assertThat(p1.path("cooldown_until").asText()).isEqualTo("2026-01-15T10:10:00Z");

    stack.clock.advance(Duration.ofMinutes(9));
    assertThat(stack.chat(false, "still resting").statusCode()).isEqualTo(200);
    assertThat(Collections.frequency(stack.upstreamAccounts(), "personal-1")).isEqualTo(1);

    stack.clock.advance(
        Duration.ofMinutes(2)); // past the cooldown: one probe, still out of credits
    assertThat(stack.chat(false, "probe fails").statusCode()).isEqualTo(200);
    assertThat(Collections.frequency(stack.upstreamAccounts(), "personal-1")).isEqualTo(2);
    assertThat(credential(stack, "personal-1").path("cooldown_until").asText())
        .isEqualTo("2026-01-15T10:21:00Z");

    stack.sim.setCreditsUsed("personal-1", 0);
    stack.clock.advance(Duration.ofMinutes(11));
    for (int i = 0; i < 2; i++) {
      assertThat(stack.chat(false, "probe succeeds " + i).statusCode()).isEqualTo(200);
    }
    assertThat(Collections.frequency(stack.upstreamAccounts(), "personal-1")).isEqualTo(3);
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("available");
  }
}

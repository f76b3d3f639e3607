package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 429 without an error code is overload, not quota: the credential cools down and another serves.
 */
class OverloadFailsOverToAnotherCredentialTest {
  @AutoClose
  private final TestStack stack =
      TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  @Test
  void overloadedCredentialCoolsForItsRetryAfterWhileTheNextServes() {
    stack.sim.enqueueFor("personal-1", SimFault.overloaded(Duration.ofSeconds(30)));

    assertThat(stack.chat(true, "hi").statusCode()).isEqualTo(200);

    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
    var p1 = credential(stack, "personal-1");
    assertThat(p1.path("state").asText()).isEqualTo("cooling");
    assertThat(p1.path("cooldown_until").asText()).isEqualTo("2026-01-15T10:00:30Z");

    for (int i = 0; i < 3; i++) {
      assertThat(stack.chat(false, "while cooling " + i).statusCode()).isEqualTo(200);
    }
    assertThat(stack.upstreamAccounts())
        .hasSize(5)
        .filteredOn("personal-1"::equals)
        .hasSize(1);

    stack.clock.advance(Duration.ofSeconds(30));
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("available");
  }

  @Test
  void overloadWithoutRetryAfterIsNotTreatedAsQuota() {
    stack.sim.enqueueFor("personal-1", SimFault.OVERLOADED_429);
    assertThat(stack.chat(false, "hi").statusCode()).isEqualTo(200);
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-2");
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("cooling");
  }
}

package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 401 from the AI endpoint costs one refresh and a retry on the same credential; a refresh token
 * Warp rejects makes the credential {@code auth_failed} after {@code W2A_AUTH_FAILURES} requests,
 * each of which is served by the next credential.
 */
class AuthRejectionRefreshesThenFailsOverTest {
  private TestStack stack;

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void unauthorizedAnswerRefreshesOnceAndRetriesTheSameCredential() {
    stack = TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());
    awaitQuotaKnown(stack);
    long before = stack.sim.refreshCount("personal-1");
    stack.sim.enqueueFor("personal-1", SimFault.AUTH_401);

    assertThat(stack.chat(false, "hi").statusCode()).isEqualTo(200);

    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-1");
    assertThat(stack.sim.requests()).extracting(x -> x.status()).containsExactly(401, 200);
    assertThat(stack.sim.refreshCount("personal-1")).isEqualTo(before + 1);
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("available");
  }

  @Test
  void revokedRefreshTokenBecomesAuthFailedAfterTheConfiguredCountAndIsSkipped() {
    stack = TestStack.start(
        PoolStacks.threeAccounts(
            SimAccountSpec.of(PoolStacks.P1, "personal-1", 100).withRevoked(true)),
        PoolStacks.threeTokens("W2A_AUTH_FAILURES", "2"));

    for (int i = 0; i < 2; i++) {
      assertThat(stack.chat(i == 1, "hi " + i).statusCode()).isEqualTo(200);
      // each request tries personal-1 first: round-robin puts it back at the head after personal-2
    }
    var p1 = credential(stack, "personal-1");
    assertThat(p1.path("state").asText()).isEqualTo("auth_failed");
    assertThat(p1.path("failures").asInt()).isGreaterThanOrEqualTo(2);

    for (int i = 0; i < 3; i++) {
      assertThat(stack.chat(false, "after " + i).statusCode()).isEqualTo(200);
    }
    assertThat(stack.upstreamAccounts())
        .as("personal-1 never reached the AI endpoint")
        .doesNotContain("personal-1")
        .hasSize(5);
    assertThat(stack.sim.refreshCount("personal-1")).isZero();
  }
}

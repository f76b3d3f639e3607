package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A revoked refresh token found by the start-up quota read, {@code POST /admin/pool/check} or the
 * re-check of {@code POST /admin/pool/recover} changes the pool as a rejected refresh in a chat
 * does.
 */
class RefreshRejectionsFromChecksFeedThePoolTest {
  @AutoClose
  private final TestStack stack = TestStack.start(
      PoolStacks.threeAccounts(
          SimAccountSpec.of(PoolStacks.P1, "personal-1", 100).withRevoked(true)),
      PoolStacks.threeTokens("W2A_AUTH_FAILURES", "3"));

  @Test
  void checksCountRejectionsUntilAuthFailedAndRecoverDoesNotRevive() {
    stack.await(
        "the start-up read counted personal-1's rejection",
        () -> credential(stack, "personal-1").path("failures").asInt() >= 1);

    HttpResponse<String> first = stack.post("/admin/pool/check", "{}");
    JsonNode checks = json(first.body()).path("checks");
    assertThat(checks.path("personal-1").asText()).contains("rejected");
    assertThat(checks.path("personal-2").asText()).isEqualTo("ok");
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("available");

    stack.post("/admin/pool/check", "{}");
    JsonNode p1 = credential(stack, "personal-1");
    assertThat(p1.path("state").asText()).isEqualTo("auth_failed");
    assertThat(p1.path("failures").asInt()).isEqualTo(3);
    assertThat(json(stack.get("/readyz").body()).path("available").asInt()).isEqualTo(2);

    HttpResponse<String> recovered = stack.post("/admin/pool/recover", "{}");
    assertThat(recovered.statusCode()).isEqualTo(200);
    assertThat(json(recovered.body()).at("/checks/personal-1").asText()).contains("rejected");
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("auth_failed");
    assertThat(json(stack.get("/readyz").body()).path("available").asInt()).isEqualTo(2);
  }
}

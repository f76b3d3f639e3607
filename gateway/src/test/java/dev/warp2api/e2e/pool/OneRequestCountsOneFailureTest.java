package dev.warp2api.e2e.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Review findings pinned: attempts are counted and bounded, and a busy credential is waited for.
 */
class OneRequestCountsOneFailureTest {

  @Test
  void aRejectedRefreshCostsOneAuthFailureNotTheWholeAllowance() throws Exception {
    try (TestStack stack = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of("rt-revoked-1", "one", 100)),
        Map.of("WARP_REFRESH_TOKEN", "rt-revoked-1", "W2A_AUTH_FAILURES", "3"))) {
      // The start-up quota read refreshes the token; once it has, revoke it and let the access
      // token expire, so
      // the chat's own refresh is the one rejected (no race with the start-up read).
      stack.await(
          "the start-up refresh",
          () -> stack.sim.refreshCount("rt-revoked-1") >= 1
              && stack.get("/admin/pool").body().contains("\"limit\""));
      stack.sim.revoke("rt-revoked-1");
      stack.clock.advance(Duration.ofHours(2));
      HttpResponse<String> r = stack.chat(false, "hello");
      assertThat(r.statusCode()).isIn(502, 503);
      JsonNode cred =
          PoolStacks.JSON.readTree(stack.get("/admin/pool").body()).at("/credentials/0");
      assertThat(cred.get("failures").asInt()).isEqualTo(1);
      assertThat(cred.get("state").asText()).isEqualTo("available");
      assertThat(stack.sim.requests()).isEmpty();
    }
  }

  @Test
  void requestsWaitForACredentialAtItsConcurrencyCapInsteadOfFailing() throws Exception {
    try (TestStack stack = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of("rt-capped-1", "one", 100)),
        Map.of(
            "WARP_REFRESH_TOKEN",
            "rt-capped-1",
            "W2A_MAX_CONCURRENCY_PER_CREDENTIAL",
            "1",
            "W2A_MAX_WAIT",
            "10s"))) {
      stack.sim.enqueue(SimReply.text("first answer").inDeltas(3).slow(Duration.ofMillis(100)));
      stack.sim.enqueue(SimReply.text("second answer").inDeltas(3).slow(Duration.ofMillis(100)));
      List<CompletableFuture<HttpResponse<String>>> both = List.of(
          CompletableFuture.supplyAsync(() -> stack.chat(false, "one")),
          CompletableFuture.supplyAsync(() -> stack.chat(false, "two")));
      for (CompletableFuture<HttpResponse<String>> f : both) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      assertThat(stack.sim.requests()).hasSize(2);
    }
  }
}

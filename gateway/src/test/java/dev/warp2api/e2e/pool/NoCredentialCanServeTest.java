package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.pool.ExpiredWarpJwtTest;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * All exhausted: 429 insufficient_quota; all cooling: 429 rate_limit_exceeded; none configured:
 * 503.
 */
class NoCredentialCanServeTest {
  private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
  private TestStack stack;

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void allExhaustedAnswers429WithRetryAfterOfTheSoonestReset() {
    stack = TestStack.start(
        PoolStacks.threeAccounts(
            SimAccountSpec.of(PoolStacks.P1, "personal-1", 10)
                .withUsed(10)
                .withNextRefreshTime(START.plusSeconds(3 * 3600)),
            SimAccountSpec.of(PoolStacks.P2, "personal-2", 10)
                .withUsed(10)
                .withNextRefreshTime(START.plusSeconds(7200)),
            SimAccountSpec.of(PoolStacks.S1, "shared-1", 10)
                .withUsed(10)
                .withNextRefreshTime(START.plusSeconds(5 * 3600))),
        PoolStacks.threeTokens());
    awaitQuotaKnown(stack);

    for (boolean stream : new boolean[] {false, true}) {
      HttpResponse<String> r = stack.chat(stream, "hi");
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("retry-after")).hasValue("7200");
      assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("insufficient_quota");
    }
    assertThat(stack.upstreamAccounts()).isEmpty();

    HttpResponse<String> ready = stack.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready.body()).path("ready").asBoolean(true)).isFalse();
    assertThat(json(ready.body()).path("reason").asText()).contains("quota");
    assertThat(json(ready.body()).path("retry_after_seconds").asLong()).isEqualTo(7200);
  }

  @Test
  void allCoolingAnswers429RateLimitExceeded() {
    stack = TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());
    awaitQuotaKnown(stack);
    for (String account : new String[] {"personal-1", "personal-2", "shared-1"}) {
      stack.sim.enqueueFor(account, SimFault.overloaded(Duration.ofSeconds(30)));
    }

    HttpResponse<String> r = stack.chat(false, "hi");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).hasValue("30");
    assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(stack.upstreamAccounts())
        .containsExactlyInAnyOrder("personal-1", "personal-2", "shared-1");
    HttpResponse<String> ready = stack.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready.body()).path("reason").asText()).contains("cooling");
    assertThat(json(ready.body()).path("retry_after_seconds").asLong()).isEqualTo(30);
  }

  @Test
  void noCredentialConfiguredAnswers503NamingTheSettings() {
    stack = TestStack.start(SimConfig.defaults(), Map.of());

    HttpResponse<String> r = stack.chat(false, "hi");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r.body()).at("/error/message").asText()).contains("WARP_REFRESH_TOKEN");
    HttpResponse<String> ready = stack.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready.body()).path("reason").asText()).contains("WARP_REFRESH_TOKEN");
    // Nothing recovers without an operator: no number to promise (docs/API.md, 'Probes').
    assertThat(json(ready.body()).has("retry_after_seconds")).isTrue();
    assertThat(json(ready.body()).path("retry_after_seconds").isNull()).isTrue();
    assertThat(ready.headers().firstValue("retry-after")).isEmpty();
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void anExpiredWarpJwtAloneAnswers503NamingItAndTheSettings() {
    String expired = ExpiredWarpJwtTest.jwt(START.minus(Duration.ofDays(90)));
    stack = TestStack.start(SimConfig.defaults(), Map.of("WARP_JWT", expired));

    assertThat(PoolStacks.credential(stack, "jwt-1").path("state").asText())
        .isEqualTo("auth_failed");
    HttpResponse<String> r = stack.chat(false, "hi");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(json(r.body()).at("/error/message").asText())
        .contains("WARP_JWT has expired", "WARP_REFRESH_TOKEN")
        .doesNotContain(expired.substring(0, 12));
    HttpResponse<String> ready = stack.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready.body()).path("reason").asText()).contains("WARP_JWT");
    assertThat(stack.sim.requestCount()).isZero();
  }
}

package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * With one credential, an overload whose Retry-After is within W2A_MAX_WAIT is waited out, not
 * answered 429.
 */
class OverloadWithOneCredentialWaitsTest {
  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of(PoolStacks.P1, "personal-1", 100)),
      Map.of("WARP_REFRESH_TOKEN", PoolStacks.P1, "W2A_MAX_WAIT", "5s"));

  @Test
  void waitsForTheShortRetryAfterAndThenSucceedsOnTheSameCredential() throws Exception {
    stack.sim.enqueueFor("personal-1", SimFault.overloaded(Duration.ofSeconds(1)));
    CompletableFuture<HttpResponse<String>> pending = stack.http.sendAsync(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    stack.await("the overload was answered", () -> stack.sim.requests().size() == 1);
    stack.await(
        "personal-1 cools down",
        () -> credential(stack, "personal-1").path("state").asText().equals("cooling"));
    assertThat(pending).isNotDone();
    stack.clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> r = pending.get(20, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r.body()).at("/choices/0/message/content").asText()).isNotEmpty();
    assertThat(stack.upstreamAccounts()).containsExactly("personal-1", "personal-1");
    assertThat(stack.sim.requests()).extracting(x -> x.status()).containsExactly(429, 200);
  }
}

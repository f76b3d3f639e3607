package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A gateway closed while a stream is in flight logs no error, no warning and no stack trace:
 * closing is a normal event, not a failure of the gateway's. The client's stream ends at once (it
 * is not left hanging): closing drains, so after the stack's short {@code W2A_SHUTDOWN_GRACE} it
 * ends with the dialect's error event ({@code GracefulShutdownTest} holds what a drain does).
 */
class ShutdownIsQuietTest {
  private static final String TOKEN = "rt-quiet-shutdown-0001";

  @Test
  void closingWithAStreamInFlightLogsNoErrorAndLeavesNoClientHanging() throws Exception {
    TestStack stack = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(TOKEN, "personal-1", 1000)),
        Map.of("WARP_REFRESH_TOKEN", TOKEN, "W2A_KEEPALIVE", "200ms"));
    try (LogLines logs = new LogLines()) {
      stack.sim.enqueue(SimReply.text("a long and slow answer that is still going")
          .inDeltas(20)
          .slow(Duration.ofMillis(200)));
      CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
          () -> stack.post(
              "/v1/chat/completions",
              "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
      stack.await("the stream is flowing", () -> stack.sim.requestCount() == 1);
      Thread.sleep(1500); // a few deltas in

      stack.close();

      // Not left hanging: the stream ends within seconds, never left open.
      assertThat(inFlight.handle((answer, cut) -> answer != null || cut != null))
          .succeedsWithin(Duration.ofSeconds(10))
          .isEqualTo(true);
      assertThat(logs.lines())
          .as("no error or warning, no stack trace")
          .noneMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN") || l.contains(" | "));
    }
  }
}

package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A gateway closed while a stream is in flight, or while clients keep connecting, logs no error, no
 * warning and no stack trace: closing is a normal event, not a failure of the gateway's. The
 * client's stream ends at once (it is not left hanging): closing drains, so after the stack's short
 * {@code W2A_SHUTDOWN_GRACE} it ends with the dialect's error event ({@code GracefulShutdownTest}
 * holds what a drain does).
 */
class ShutdownIsQuietTest {
  private static final String TOKEN = "rt-quiet-shutdown-0001";

  @Test
  void stoppingWhileClientsKeepConnectingLogsNoWarning() throws Exception {
    TestStack stack = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(TOKEN, "personal-1", 1000)),
        Map.of("WARP_REFRESH_TOKEN", TOKEN));
    int port = stack.gateway.port();
    AtomicBoolean stopped = new AtomicBoolean();
    // Connections arriving as the ports close: one may be accepted in the moment between the last
    // server leaving the port and the port closing.
    Thread knocking = new Thread(() -> {
      while (!stopped.get()) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.getOutputStream()
              .write(
                  "GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException refusedOrCut) {
          // expected once the port closes
        }
        LockSupport.parkNanos(500_000); // often enough to meet the moment, not a busy loop
      }
    });
    try (LogLines logs = new LogLines()) {
      knocking.start();
      Thread.sleep(200);
      stack.close();
      Thread.sleep(200);
      stopped.set(true);
      knocking.join(5_000);
      assertThat(logs.lines())
          .as("a normal stop: no error or warning, no stack trace")
          .noneMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN") || l.contains(" | "));
    } finally {
      stopped.set(true);
    }
  }

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

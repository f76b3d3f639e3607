package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.WarpSimulator;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.ServeWithSimulator;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code warp2api serve} as a real process (a JVM started from the test's class path) sent SIGTERM
 * while a stream is in flight: the stream ends whole, the pool's state is written, and the process
 * exits 0 (not the 143 of a JVM ended by a signal), logging no error.
 */
class SigtermStopsServeGracefullyTest {
  private static final String TOKEN = "rt-sigterm-serve-0001";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  // Open mode: the simulator accepts every refresh token.
  @RegisterExtension
  final ServeWithSimulator serve = new ServeWithSimulator();

  @Test
  void sigtermLetsTheStreamInFlightFinishWritesTheStateAndExitsZero() throws Exception {
    WarpSimulator sim = serve.sim();
    Path work = Files.createTempDirectory("w2a-sigterm");
    Path log = work.resolve("gateway.log");
    int port = TestStack.freePort();
    Process gateway = serve.start(work, log, port, TOKEN, "W2A_SHUTDOWN_GRACE", "20s");
    // The first content after about six events, then some 2 s more: short beside the 20 s grace.
    sim.enqueue(SimReply.text("alpha beta gamma delta epsilon zeta")
        .inDeltas(6)
        .slow(Duration.ofMillis(250)));
    StringBuffer received = new StringBuffer();
    CompletableFuture<Integer> status = new CompletableFuture<>();
    Thread client = new Thread(() -> stream(port, received, status), "stream-client");
    client.setDaemon(true);
    client.start();
    Await.until(
        "the stream's first content reached the client",
        Duration.ofSeconds(30),
        () -> received.indexOf("\"content\":\"") >= 0);

    gateway.destroy(); // SIGTERM

    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("the process ended").isTrue();
    assertThat(gateway.exitValue()).as(Files.readString(log)).isZero();
    assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    client.join(10_000);
    String body = received.toString();
    assertThat(SseBodies.openAiText(body)).isEqualTo("alpha beta gamma delta epsilon zeta");
    assertThat(body).endsWith("data: [DONE]\n\n");
    assertThat(work.resolve("data").resolve("state.json")).exists();
    String output = Files.readString(log);
    assertThat(output).contains("event=gateway.draining").contains("event=gateway.stopped");
    // From the stop on (a busy machine may make the start-up warn of a slow event loop).
    assertThat(output.substring(output.indexOf("event=gateway.draining")).lines())
        .as("a stop is no failure")
        .noneMatch(l -> l.contains(" ERROR ") || l.contains(" WARN "));
  }

  private void stream(int port, StringBuffer received, CompletableFuture<Integer> status) {
    try {
      HttpResponse<InputStream> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
              .timeout(Duration.ofSeconds(60))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,"
                      + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofInputStream());
      status.complete(r.statusCode());
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          received.append(line).append('\n');
        }
      }
    } catch (IOException | InterruptedException e) {
      status.completeExceptionally(e);
    }
  }
}

package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.pool.CredentialState;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.TestStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection cancels the upstream call at once: the simulator's 10-second
 * stream stops being written within a bounded poll (long before it would end), the credential's
 * lease is released without a failure being counted, and the pool serves the next request.
 */
class ClientDisconnectCancelsUpstreamTest {
  private static final Pattern TEXT = Pattern.compile("\"content\":\"[^\"]");
  private static final Duration TEN_SECOND_STREAM = Duration.ofMillis(50);

  @AutoClose
  private final TestStack stack = OpenAiE2e.start();

  @BeforeEach
  void start() {
    stack.sim.enqueue(SimReply.events(200, TEN_SECOND_STREAM));
  }

  private CredentialView alpha() {
    return stack.gateway.pool().snapshot().get(0);
  }

  private Socket send(boolean stream) throws Exception {
    byte[] body = ("{\"model\":\"claude-4-5-sonnet\",\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    Socket socket = new Socket("127.0.0.1", stack.gateway.port());
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                + "content-length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return socket;
  }

  private void assertCancelledAtOnce(long startedNanos) throws Exception {
    assertThat(Await.within(Duration.ofSeconds(5), () -> stack.sim.openStreams() == 0))
        .as("the simulator stopped writing the abandoned stream")
        .isTrue();
    assertThat(Await.within(Duration.ofSeconds(5), () -> alpha().inFlight() == 0))
        .as("the lease was released")
        .isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - startedNanos))
        .isLessThan(Duration.ofSeconds(9));
    CredentialView after = alpha();
    assertThat(after.state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(after.failures()).isZero();
    stack.sim.enqueue(SimReply.text("Still here."));
    var next = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Again\"}]}");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).contains("Still here.");
  }

  @Test
  void closingTheConnectionMidStreamCancelsTheUpstreamStream() throws Exception {
    long started = System.nanoTime();
    try (Socket socket = send(true)) {
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      byte[] buf = new byte[4096];
      while (!TEXT.matcher(seen).find()) {
        int n = in.read(buf);
        assertThat(n).as("stream ended before any text: " + seen).isPositive();
        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
      assertThat(stack.sim.openStreams()).isEqualTo(1);
      assertThat(alpha().inFlight()).isEqualTo(1);
    }
    assertCancelledAtOnce(started);
  }

  @Test
  void closingTheConnectionWhileWaitingForAWholeAnswerCancelsTheUpstreamStream() throws Exception {
    long started = System.nanoTime();
    try (Socket socket = send(false)) {
      stack.sim.takeRequest();
      assertThat(Await.within(Duration.ofSeconds(5), () -> stack.sim.openStreams() == 1))
          .isTrue();
    }
    assertCancelledAtOnce(started);
  }
}

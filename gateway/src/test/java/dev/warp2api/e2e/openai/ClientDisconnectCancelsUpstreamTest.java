package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.pool.CredentialState;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection mid-stream cancels the upstream call at once: Warp's 10-second
 * stream is abandoned (the simulator's stream stops being written), the credential's lease is released
 * without a failure being counted, and the pool serves the next request.
 */
class ClientDisconnectCancelsUpstreamTest {
  private static final java.util.regex.Pattern TEXT = java.util.regex.Pattern.compile("\"content\":\"[^\"]");
  private TestStack stack;

  @BeforeEach
  void start() {
    stack = OpenAiE2e.start();
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  private CredentialView alpha() {
    return stack.gateway.pool().snapshot().get(0);
  }

  @Test
  void closingTheConnectionMidStreamReleasesTheUpstreamCallAtOnce() throws Exception {
    stack.sim.enqueue(SimReply.events(200, Duration.ofMillis(50)));
    String body = "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", stack.gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
          + "content-length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      byte[] buf = new byte[4096];
      while (!TEXT.matcher(seen).find()) {
        int n = in.read(buf);
        assertThat(n).as("stream ended before any text: " + seen).isPositive();
        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
      assertThat(alpha().inFlight()).isEqualTo(1);
    }
    boolean released = OpenAiE2e.eventually(Duration.ofSeconds(5), () -> alpha().inFlight() == 0);
    assertThat(released).as("lease released after the client left").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
    CredentialView after = alpha();
    assertThat(after.state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(after.failures()).isZero();

    stack.sim.enqueue(SimReply.text("Still here."));
    var next = stack.post("/v1/chat/completions",
        "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Again\"}]}");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).contains("Still here.");
  }
}

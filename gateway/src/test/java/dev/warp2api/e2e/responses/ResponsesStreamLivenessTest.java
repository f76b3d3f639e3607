package dev.warp2api.e2e.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.e2e.responses.ResponsesE2e.Event;
import dev.warp2api.pool.CredentialState;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.TestStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The Responses route rides the one pipeline like the other chat routes: a slow Warp gets {@code :
 * keep-alive} comments between events (the stream still ends with {@code response.completed}), and
 * a client that closes its connection cancels the upstream call at once, releasing the credential
 * without a failure.
 */
class ResponsesStreamLivenessTest {
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet\",\"input\":\"Go\",\"stream\":true,\"store\":false}";

  @AutoClose
  private final TestStack stack = ResponsesE2e.start("W2A_KEEPALIVE", "200ms");

  private CredentialView only() {
    return stack.gateway.pool().snapshot().get(0);
  }

  @Test
  void slowUpstreamGetsKeepAliveCommentsAndTheStreamStillCompletes() {
    stack.sim.enqueue(SimReply.text("Slow but sure.").inDeltas(2).slow(Duration.ofMillis(300)));

    HttpResponse<String> r = stack.post("/v1/responses", ASK);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains(": keep-alive\n\n");
    List<Event> events = ResponsesE2e.events(r.body());
    assertThat(events.get(0).type()).isEqualTo("response.created");
    Event last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo("response.completed");
    assertThat(last.data().at("/response/output/0/content/0/text").asText())
        .isEqualTo("Slow but sure.");
  }

  @Test
  void closingTheConnectionMidStreamCancelsTheUpstreamCall() throws Exception {
    stack.sim.enqueue(SimReply.events(200, Duration.ofMillis(50))); // a 10-second stream
    long started = System.nanoTime();
    byte[] body = ASK.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", stack.gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "content-type: application/json\r\ncontent-length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      byte[] buf = new byte[4096];
      while (!seen.toString().contains("response.output_text.delta")) {
        int n = in.read(buf);
        assertThat(n).as("stream ended before any text: " + seen).isPositive();
        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
      assertThat(stack.sim.openStreams()).isEqualTo(1);
    }

    assertThat(Await.within(Duration.ofSeconds(5), () -> stack.sim.openStreams() == 0))
        .as("the simulator stopped writing the abandoned stream")
        .isTrue();
    assertThat(Await.within(Duration.ofSeconds(5), () -> only().inFlight() == 0))
        .as("the lease was released")
        .isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
    assertThat(only().state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(only().failures()).isZero();
  }
}

package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * With {@code W2A_KEEPALIVE=200ms} and Warp pausing 300 ms between events, the stream carries
 * {@code : keep-alive} comments, and the answer is still whole. (Real time: the keep-alive measures
 * the wire's silence; nothing here sleeps.)
 */
class KeepAliveTest {
  @AutoClose
  private final TestStack stack = OpenAiE2e.start("W2A_KEEPALIVE", "200ms");

  @Test
  void slowUpstreamGetsKeepAliveCommentsBetweenChunks() {
    stack.sim.enqueue(SimReply.text("Slow but sure.").inDeltas(2).slow(Duration.ofMillis(300)));
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    String body = r.body();
    assertThat(body).contains(": keep-alive\n\n");
    String[] events = body.split("\n\n");
    for (String e : events) {
      assertThat(e).matches("(?s)(: keep-alive|data: .*)");
    }
    assertThat(body.indexOf(": keep-alive")).isGreaterThan(body.indexOf("data: "));
    assertThat(SseBodies.openAiText(body)).isEqualTo("Slow but sure.");
    assertThat(body).endsWith("data: [DONE]\n\n");
  }
}

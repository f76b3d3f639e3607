package dev.warp2api.e2e.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimFinish;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Warp accepts a streamed request, then ends the turn before any content: the client gets the HTTP
 * status of the failure (with {@code Retry-After} for quota), not a 200 with {@code message_start}
 * and an error event; once Warp has been silent for {@code W2A_KEEPALIVE}, the head goes out with a
 * {@code ping}.
 */
class EarlyFailureStatusTest {
  private static final String BODY = """
      {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Go"}]}""";

  @AutoClose
  private final TestStack stack = AnthropicE2e.stack(Map.of("W2A_KEEPALIVE", "200ms"));

  @Test
  void quotaRunningOutBeforeAnyContentIsAnHttp429WithRetryAfter() {
    stack.sim.enqueue(SimReply.finish(SimFinish.QUOTA_LIMIT));
    HttpResponse<String> r = stack.post("/v1/messages", BODY, "x-api-key", "k");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    assertThat(AnthropicE2e.json(r.body()).at("/error/type").asText())
        .isEqualTo("rate_limit_error");
    assertThat(r.body()).doesNotContain("message_start");
  }

  @Test
  void aSilentStartStillGetsItsHeadAndAPingWithinTheKeepAliveInterval() {
    // The first delta comes 900 ms after Warp's head: by then the client has had the head and a
    // ping.
    stack.sim.enqueue(SimReply.text("late but whole").inDeltas(2).slow(Duration.ofMillis(900)));
    HttpResponse<String> r = stack.post("/v1/messages", BODY, "x-api-key", "k");
    assertThat(r.statusCode()).isEqualTo(200);
    var shapes = AnthropicE2e.shapes(AnthropicE2e.events(r.body()));
    assertThat(shapes.get(0)).isEqualTo("message_start");
    assertThat(shapes.get(1)).isEqualTo("ping");
    assertThat(shapes.get(shapes.size() - 1)).isEqualTo("message_stop");
  }
}

package dev.warp2api.e2e.anthropic;

import static dev.warp2api.e2e.anthropic.AnthropicE2e.events;
import static dev.warp2api.e2e.anthropic.AnthropicE2e.shapes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.e2e.anthropic.AnthropicE2e.Sse;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code ping} while Warp is silent ({@code W2A_KEEPALIVE=200ms}), and an {@code error} event when
 * Warp drops mid-stream.
 */
class PingAndMidStreamErrorTest {
  private static final String BODY = """
      {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Go"}]}""";

  @AutoClose
  private final TestStack stack = AnthropicE2e.stack(Map.of("W2A_KEEPALIVE", "200ms"));

  @Test
  void pingsFillSilenceWithoutDisturbingTheBlocks() {
    // Three deltas 900 ms apart: at least one 200 ms silence, so at least one ping, however loaded
    // the machine.
    stack.sim.enqueue(SimReply.text("one two three").inDeltas(3).slow(Duration.ofMillis(900)));
    HttpResponse<String> r = stack.post("/v1/messages", BODY, "x-api-key", "k");

    assertThat(r.statusCode()).isEqualTo(200);
    List<Sse> events = events(r.body());
    List<String> shapes = shapes(events);
    assertThat(shapes).contains("ping");
    assertThat(shapes.get(0)).isEqualTo("message_start");
    assertThat(shapes.get(shapes.size() - 1)).isEqualTo("message_stop");
    assertThat(events)
        .filteredOn(e -> e.name().equals("ping"))
        .allSatisfy(e -> assertThat(e.data().toString()).isEqualTo("{\"type\":\"ping\"}"));
    assertThat(shapes.stream().filter(s -> !s.equals("ping")).toList())
        .containsExactly(
            "message_start",
            "content_block_start:0:text",
            "content_block_delta:0:text_delta",
            "content_block_delta:0:text_delta",
            "content_block_delta:0:text_delta",
            "content_block_stop:0",
            "message_delta",
            "message_stop");
  }

  @Test
  void warpDroppingAfterOutputEndsTheStreamWithAnErrorEvent() {
    // init, task, server event, query echo, its update, transaction begin, then two text deltas.
    stack.sim.enqueue(SimReply.fault(SimFault.disconnectAfter(8)));
    HttpResponse<String> r = stack.post("/v1/messages", BODY, "x-api-key", "k");

    assertThat(r.statusCode()).isEqualTo(200);
    List<Sse> events = events(r.body());
    List<String> shapes = shapes(events);
    assertThat(shapes)
        .as(r.body())
        .contains("content_block_delta:0:text_delta")
        .doesNotContain("message_stop");
    assertThat(shapes.get(0)).isEqualTo("message_start");
    Sse last = events.get(events.size() - 1);
    assertThat(last.name()).isEqualTo("error");
    assertThat(last.data().at("/error/type").asText()).isEqualTo("api_error");
    assertThat(last.data().at("/error/message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("[DONE]");
    assertThat(stack.sim.requestCount())
        .as("output was sent, so the gateway must not retry")
        .isEqualTo(1);
  }
}

package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Events.done;
import static dev.warp2api.api.anthropic.Events.render;
import static dev.warp2api.api.anthropic.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Usage;
import org.junit.jupiter.api.Test;

class TextStreamTest {

  @Test
  void streamsATextReplyAsTheExactAnthropicEventSequence() {
    String out = render(
        42,
        new ChatEvent.Started("c1", "r1"),
        text("Hel"),
        text("lo"),
        done(new Usage(1200, 7, 1207, 1.0)));
    assertThat(out).isEqualTo("""
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_test","type":"message","role":"assistant",\
        "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,\
        "usage":{"input_tokens":42,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},\
        "usage":{"input_tokens":1200,"output_tokens":7,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}

        event: message_stop
        data: {"type":"message_stop"}

        """);
    assertThat(out).doesNotContain("[DONE]");
  }

  @Test
  void reportsEstimatesWhenWarpGivesNoUsage() {
    String out = render(42, text("12345678"), done(Usage.UNKNOWN));
    assertThat(out).contains("\"usage\":{\"input_tokens\":42,\"output_tokens\":2,");
  }

  @Test
  void sendsMessageStartWithAPositiveEstimateForAParsedRequest() {
    ParsedMessages p = Requests.parse("""
        {"model":"claude-4-sonnet","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""");
    AnthropicStreamRenderer r = new AnthropicStreamRenderer(p.requestedModel(), () -> "msg_x");
    assertThat(p.estimatedInputTokens()).isPositive();
    assertThat(r.start(p.estimatedInputTokens()))
        .contains("\"input_tokens\":" + p.estimatedInputTokens() + ",");
  }

  @Test
  void skipsEmptyDeltasAndEmitsNothingForStarted() {
    AnthropicStreamRenderer r = new AnthropicStreamRenderer("m", () -> "msg_x");
    r.start(3);
    assertThat(r.onEvent(new ChatEvent.Started("c", "r"))).isEmpty();
    assertThat(r.onEvent(text(""))).isEmpty();
  }

  @Test
  void answersPingWithAPingEventAndNothingAfterTheEnd() {
    AnthropicStreamRenderer r = new AnthropicStreamRenderer("m", () -> "msg_x");
    r.start(3);
    assertThat(r.ping()).isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    r.onEvent(done(Usage.UNKNOWN));
    assertThat(r.ping()).isEmpty();
    assertThat(r.onEvent(text("late"))).isEmpty();
  }
}

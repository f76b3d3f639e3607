package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.EventPayloads;
import dev.warp2api.warp.protocol.EventTranslator;
import dev.warp2api.warp.protocol.EventView;
import dev.warp2api.warp.protocol.SseEventReader;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every event of the simulator's modern and legacy streams (text, reasoning, tool calls,
 * transactions, every finish) reads the same through the gateway's event view as through the
 * generated parser, and the two translate to the same chat events.
 */
class SimStreamsReadTheSameThroughEventViewTest {
  private static final List<SimReply> REPLIES = List.of(
      SimReply.text("Hello there, wörld! 你好").inDeltas(4),
      SimReply.reasoning("Thinking it over", "Then the answer"),
      SimReply.toolCalls(
          "Let me look",
          List.of(
              new SimToolCall("ls", "{\"path\":\"/\"}"),
              new SimToolCall("cat", "{\"file\":\"a\",\"n\":[1,2.5,null,true]}"))),
      SimReply.finish(SimFinish.MAX_TOKEN_LIMIT),
      SimReply.finish(SimFinish.QUOTA_LIMIT),
      SimReply.finish(SimFinish.CONTEXT_WINDOW_EXCEEDED),
      SimReply.finish(SimFinish.LLM_UNAVAILABLE),
      SimReply.finish(SimFinish.OTHER),
      SimReply.finish(SimFinish.internalError("boom")),
      SimReply.finish(SimFinish.invalidApiKey("gpt-5")));

  @Test
  void modernAndLegacyStreamsTranslateTheSameThroughViewAndFullParse() {
    int streams = 0;
    List<ChatEvent> all = new ArrayList<>();
    for (boolean legacy : new boolean[] {false, true}) {
      for (boolean newTask : new boolean[] {true, false}) {
        for (SimReply reply : REPLIES) {
          Turn turn = new Turn(
              "conv-" + streams,
              "req-" + streams,
              "task-1",
              newTask,
              SimFixture.request("hi").getInput(),
              "hi",
              SimModel.defaults().get(0),
              1200,
              1.5f,
              3f,
              Instant.parse("2026-01-10T00:00:00Z"));
          ReplyPlan plan = ReplyPlan.resolve(
              reply, "hi", 3, legacy ? LegacySequence::fixedEvents : ModernSequence::fixedEvents);
          List<Buffer> frames =
              legacy ? LegacySequence.frames(turn, plan) : ModernSequence.frames(turn, plan);
          List<ChatEvent> out = sameTranslation(frames);
          assertThat(out).as("stream %d", streams).isNotEmpty();
          assertThat(out.get(out.size() - 1)).isInstanceOf(ChatEvent.Finished.class);
          all.addAll(out);
          streams++;
        }
      }
    }
    assertThat(streams).isEqualTo(4 * REPLIES.size());
    assertThat(all).filteredOn(e -> e instanceof ChatEvent.ToolCallEvent).hasSize(8);
    assertThat(all).filteredOn(e -> e instanceof ChatEvent.ReasoningDelta).isNotEmpty();
    assertThat(all)
        .filteredOn(e -> e instanceof ChatEvent.Finished f && f.detail() != null)
        .hasSize(8);
  }

  private static List<ChatEvent> sameTranslation(List<Buffer> frames) {
    SseEventReader reader = new SseEventReader();
    List<String> payloads = new ArrayList<>();
    for (Buffer frame : frames) {
      payloads.addAll(reader.feed(frame));
    }
    payloads.addAll(reader.finish());
    int[] ids = {0};
    int[] refIds = {0};
    EventTranslator viaView = new EventTranslator(() -> "toolu_" + ids[0]++);
    EventTranslator viaFull = new EventTranslator(() -> "toolu_" + refIds[0]++);
    List<ChatEvent> out = new ArrayList<>();
    List<ChatEvent> reference = new ArrayList<>();
    for (String payload : payloads) {
      EventView view = EventPayloads.view(payload);
      EventView full = EventView.of(EventPayloads.decode(payload));
      assertThat(view).isEqualTo(full);
      out.addAll(viaView.translate(view));
      reference.addAll(viaFull.translate(full));
    }
    assertThat(out).isEqualTo(reference);
    return out;
  }
}

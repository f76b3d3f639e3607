package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.api.anthropic.AnthropicStreamRenderer;
import dev.warp2api.api.openai.OpenAiStreamRenderer;
import dev.warp2api.api.openai.ResponseIdentity;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The stream's hot path appends each event's text to one builder ({@code onEvent(event, out)}); it
 * must be exactly the text {@code onEvent(event)} returns, event after event, whatever the order of
 * kinds.
 */
class RenderersAppendWhatTheyReturnTest {
  private static final List<ChatEvent> TURN = List.of(
      new ChatEvent.Started("conv", "req"),
      new ChatEvent.ReasoningDelta("thinking \"hard\"\n"),
      new ChatEvent.ReasoningDelta(""),
      new ChatEvent.TextDelta("Héllo € 😀 <tag> \\ \u0001"),
      new ChatEvent.TextDelta(""),
      new ChatEvent.ReasoningDelta("more thought"),
      new ChatEvent.TextDelta("back to text"),
      new ChatEvent.ToolCallEvent(new ToolCall("call_1", "read_file", "{\"path\":\"a.txt\"}")),
      new ChatEvent.TextDelta("after the tool"),
      new ChatEvent.Finished(FinishReason.DONE, new Usage(10, 20, 30, 1.0), null, false));

  @Test
  void openAiAppendsTheSameChunksItReturns() {
    assertSame(
        OpenAiStreamRenderer::onEvent,
        OpenAiStreamRenderer::onEvent,
        () -> new OpenAiStreamRenderer(
            new ResponseIdentity("chatcmpl-1", 1_763_769_600L), "m", true, 100));
  }

  @Test
  void openAiAppendsTheHeadBeforeTheFirstEventWhenItWasNotSent() {
    OpenAiStreamRenderer returned =
        new OpenAiStreamRenderer(new ResponseIdentity("chatcmpl-1", 1L), "m", false, 1);
    OpenAiStreamRenderer appended =
        new OpenAiStreamRenderer(new ResponseIdentity("chatcmpl-1", 1L), "m", false, 1);
    StringBuilder out = new StringBuilder();
    appended.onEvent(new ChatEvent.TextDelta("hi"), out);
    assertThat(out.toString())
        .isEqualTo(returned.onEvent(new ChatEvent.TextDelta("hi")))
        .contains("\"role\"", "hi");
  }

  @Test
  void anthropicAppendsTheSameEventsItReturns() {
    assertSame(AnthropicStreamRenderer::onEvent, AnthropicStreamRenderer::onEvent, () -> {
      AnthropicStreamRenderer renderer = new AnthropicStreamRenderer("m", () -> "msg_1");
      renderer.start(100);
      return renderer;
    });
  }

  private static <R> void assertSame(
      BiFunction<R, ChatEvent, String> returning,
      TriConsumer<R, ChatEvent, StringBuilder> appending,
      Supplier<R> fresh) {
    R returned = fresh.get();
    R appended = fresh.get();
    StringBuilder expected = new StringBuilder();
    StringBuilder out = new StringBuilder();
    for (ChatEvent event : TURN) {
      expected.append(returning.apply(returned, event));
      appending.accept(appended, event, out);
      assertThat(out.toString()).as("after %s", event).isEqualTo(expected.toString());
    }
    assertThat(out).contains("after the tool");
  }

  @FunctionalInterface
  private interface TriConsumer<A, B, C> {
    void accept(A a, B b, C c);
  }
}

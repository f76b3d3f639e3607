package dev.warp2api.api.anthropic;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;

/** Test fixtures: upstream events. */
final class Events {
  private Events() {}

  static ChatEvent text(String t) {
    return new ChatEvent.TextDelta(t);
  }

  static ChatEvent reasoning(String t) {
    return new ChatEvent.ReasoningDelta(t);
  }

  static ChatEvent call(String id, String name, String args) {
    return new ChatEvent.ToolCallEvent(new ToolCall(id, name, args));
  }

  static ChatEvent done(Usage usage) {
    return new ChatEvent.Finished(FinishReason.DONE, usage, null, false);
  }

  static ChatEvent finished(FinishReason reason) {
    return new ChatEvent.Finished(reason, Usage.UNKNOWN, null, false);
  }

  /** Renders a whole response with a fixed id and returns the stream text. */
  static String render(int estimate, ChatEvent... events) {
    AnthropicStreamRenderer r = new AnthropicStreamRenderer("claude-sonnet-4-5", () -> "msg_test");
    StringBuilder out = new StringBuilder(r.start(estimate));
    for (ChatEvent e : events) {
      out.append(r.onEvent(e));
    }
    return out.toString();
  }
}

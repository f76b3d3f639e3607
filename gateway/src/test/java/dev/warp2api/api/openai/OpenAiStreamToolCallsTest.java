package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;
import org.junit.jupiter.api.Test;

/** The exact chunk text of a reply with text and two tool calls: one index per call. */
class OpenAiStreamToolCallsTest {
  private static final String ENVELOPE =
      "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"claude-sonnet-4-5\",";

  private static String chunk(String delta, String finish) {
    return "data: " + ENVELOPE + "\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]}\n\n";
  }

  @Test
  void twoToolCallsGetIndexesZeroAndOneAndFinishWithToolCalls() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "claude-sonnet-4-5", false, 0);
    String text = r.head()
        + r.onEvent(new ChatEvent.TextDelta("Checking."))
        + r.onEvent(new ChatEvent.ToolCallEvent(
            new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}")))
        + r.onEvent(new ChatEvent.ToolCallEvent(new ToolCall("toolu_2", "get_time", null)))
        + r.onEvent(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    assertThat(text)
        .isEqualTo(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
            + chunk("{\"content\":\"Checking.\"}", "null")
            + chunk(
                "{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}",
                "null")
            + chunk(
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}",
                "null")
            + chunk(
                "{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_2\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}",
                "null")
            + chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", "null")
            + chunk("{}", "\"tool_calls\"")
            + "data: [DONE]\n\n");
  }

  @Test
  void reasoningStreamsAsReasoningContent() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "claude-sonnet-4-5", false, 0);
    r.head();
    assertThat(r.onEvent(new ChatEvent.ReasoningDelta("Let me think.")))
        .isEqualTo(chunk("{\"reasoning_content\":\"Let me think.\"}", "null"));
  }
}

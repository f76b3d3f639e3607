package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;
import org.junit.jupiter.api.Test;

class OpenAiResponseAggregatorTest {

  private static OpenAiResponseAggregator aggregator() {
    return new OpenAiResponseAggregator(IDENTITY, "gpt-4o", 50);
  }

  @Test
  void collectsTextIntoOneCompletionWithUsage() {
    OpenAiResponseAggregator a = aggregator();
    a.accept(new ChatEvent.Started("c", "r"));
    a.accept(new ChatEvent.TextDelta("Hel"));
    a.accept(new ChatEvent.TextDelta("lo"));
    a.accept(new ChatEvent.Finished(FinishReason.DONE, new Usage(10, 2, 12, 0.5), null, false));
    assertThat(a.json())
        .isEqualTo(
            "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}");
  }

  @Test
  void toolCallsOnlyGiveNullContentAndToolCallsFinish() {
    OpenAiResponseAggregator a = aggregator();
    a.accept(new ChatEvent.ReasoningDelta("think"));
    a.accept(
        new ChatEvent.ToolCallEvent(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")));
    a.accept(new ChatEvent.ToolCallEvent(new ToolCall("call_2", "get_time", "{}")));
    a.accept(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    var message = a.completion().at("/choices/0/message");
    assertThat(message.get("content").isNull()).isTrue();
    assertThat(message.get("reasoning_content").asText()).isEqualTo("think");
    assertThat(message.get("tool_calls").toString())
        .isEqualTo(
            "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]");
    assertThat(a.completion().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    // prompt from the estimate; completion from 5 + 11 + 16 + 8 + 2 = 42 chars -> 11 tokens
    assertThat(a.completion().get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":50,\"completion_tokens\":11,\"total_tokens\":61}");
  }

  @Test
  void textWithToolCallsKeepsTheText() {
    OpenAiResponseAggregator a = aggregator();
    a.accept(new ChatEvent.TextDelta("Let me check."));
    a.accept(new ChatEvent.ToolCallEvent(new ToolCall("call_1", "f", "{}")));
    a.accept(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    assertThat(a.completion().at("/choices/0/message/content").asText()).isEqualTo("Let me check.");
  }

  @Test
  void maxTokensFinishesWithLengthAndEmptyTextIsAnEmptyString() {
    OpenAiResponseAggregator a = aggregator();
    a.accept(new ChatEvent.Finished(FinishReason.MAX_TOKENS, Usage.UNKNOWN, null, false));
    assertThat(a.completion().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(a.completion().at("/choices/0/message/content").asText()).isEmpty();
  }

  @Test
  void abnormalFinishIsThrownAsAGatewayException() {
    OpenAiResponseAggregator a = aggregator();
    assertThatThrownBy(() ->
            a.accept(new ChatEvent.Finished(FinishReason.QUOTA_LIMIT, Usage.UNKNOWN, null, false)))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED));
    OpenAiResponseAggregator b = aggregator();
    assertThatThrownBy(() -> b.accept(
            new ChatEvent.Finished(FinishReason.LLM_UNAVAILABLE, Usage.UNKNOWN, "x", false)))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
  }

  @Test
  void aStreamWithoutFinishedIsAnUpstreamFailure() {
    OpenAiResponseAggregator a = aggregator();
    a.accept(new ChatEvent.TextDelta("cut"));
    assertThatThrownBy(a::completion)
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
  }
}

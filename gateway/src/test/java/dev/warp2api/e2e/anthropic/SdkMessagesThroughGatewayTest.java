package dev.warp2api.e2e.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The official anthropic-java SDK against the gateway and the simulator: stream, non-stream,
 * thinking.
 */
class SdkMessagesThroughGatewayTest {
  @AutoClose
  private final StackWithClient<AnthropicClient> e2e = AnthropicE2e.stackWithSdk();

  private final TestStack stack = e2e.stack();
  private final AnthropicClient client = e2e.client();

  private static MessageCreateParams.Builder ask(String question) {
    return MessageCreateParams.builder()
        .model("claude-sonnet-4-5-20250929")
        .maxTokens(1024)
        .system("Be brief.")
        .addUserMessage(question);
  }

  @Test
  void streamArrivesInOrderAndAccumulatesIntoTheWholeMessage() throws Exception {
    stack.sim.enqueue(SimReply.text("Paris is the capital of France.").inDeltas(4));
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> order = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(ask("Capital?").build())) {
      stream.stream().forEach(e -> {
        accumulator.accumulate(e);
        order.add(
            e.isMessageStart()
                ? "start"
                : e.isContentBlockStart()
                    ? "block_start"
                    : e.isContentBlockDelta()
                        ? "delta"
                        : e.isContentBlockStop()
                            ? "block_stop"
                            : e.isMessageDelta() ? "message_delta" : "message_stop");
      });
    }
    assertThat(order.get(0)).isEqualTo("start");
    assertThat(order.get(1)).isEqualTo("block_start");
    assertThat(order.subList(2, order.size() - 3)).isNotEmpty().containsOnly("delta");
    assertThat(order.subList(order.size() - 3, order.size()))
        .containsExactly("block_stop", "message_delta", "message_stop");

    Message message = accumulator.message();
    message.validate();
    assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(message.content()).hasSize(1);
    assertThat(message.content().get(0).asText().text())
        .isEqualTo("Paris is the capital of France.");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
    assertThat(stack.sim.takeRequest().lastQuery()).isEqualTo("Capital?");
  }

  @Test
  void nonStreamReturnsOneMessageWithTheSameContentAndWarpsUsage() throws Exception {
    stack.sim.enqueue(SimReply.text("Hello there, friend.").inDeltas(3));
    Message message = client.messages().create(ask("Hi").build());
    message.validate();
    assertThat(message.id()).startsWith("msg_");
    assertThat(message.content())
        .extracting(b -> b.asText().text())
        .containsExactly("Hello there, friend.");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
    var recorded = stack.sim.takeRequest();
    assertThat(recorded.request().getSettings().getModelConfig().getBase())
        .isEqualTo("claude-4-5-sonnet");
  }

  @Test
  void warpReasoningBecomesAThinkingBlockBeforeTheText() throws Exception {
    stack.sim.enqueue(
        SimReply.reasoning("The user wants a number. 6 times 7.", "42").inDeltas(2));
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(ask("6*7?").enabledThinking(2048).build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    List<ContentBlock> streamed = accumulator.message().content();
    assertThat(streamed).hasSize(2);
    assertThat(streamed.get(0).asThinking().thinking())
        .isEqualTo("The user wants a number. 6 times 7.");
    assertThat(streamed.get(1).asText().text()).isEqualTo("42");

    stack.sim.enqueue(SimReply.reasoning("The user wants a number. 6 times 7.", "42"));
    Message whole = client.messages().create(ask("6*7?").enabledThinking(2048).build());
    assertThat(whole.content()).hasSize(2);
    assertThat(whole.content().get(0).asThinking().thinking())
        .isEqualTo("The user wants a number. 6 times 7.");
    assertThat(whole.content().get(1).asText().text()).isEqualTo("42");
  }

  @Test
  void warpReasoningIsLeftOutWhenTheRequestDoesNotAskForThinking() throws Exception {
    stack.sim.enqueue(
        SimReply.reasoning("The user wants a number. 6 times 7.", "42").inDeltas(2));
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(ask("6*7?").build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    assertThat(accumulator.message().content()).hasSize(1);
    assertThat(accumulator.message().content().get(0).asText().text()).isEqualTo("42");

    stack.sim.enqueue(SimReply.reasoning("The user wants a number. 6 times 7.", "42"));
    Message whole = client.messages().create(ask("6*7?").build());
    assertThat(whole.content()).hasSize(1);
    assertThat(whole.content().get(0).asText().text()).isEqualTo("42");
  }
}

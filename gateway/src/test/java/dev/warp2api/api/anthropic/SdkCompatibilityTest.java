package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Events.call;
import static dev.warp2api.api.anthropic.Events.done;
import static dev.warp2api.api.anthropic.Events.reasoning;
import static dev.warp2api.api.anthropic.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads our output with the official {@code anthropic-java} SDK's own JSON mapper and its stream
 * accumulator, without HTTP: what the SDK would do with the bytes of a response.
 */
class SdkCompatibilityTest {
  private static final JsonMapper SDK = ObjectMappers.jsonMapper();
  private static final ChatEvent[] REPLY = {
    reasoning("Think "),
    reasoning("first."),
    text("Two reads."),
    call("toolu_01A", "Read", "{\"path\":\"/a\"}"),
    call("call_2", "Read", "{\"path\":\"/b\",\"limit\":5}"),
    done(new Usage(1500, 60, 1560, 1.0))
  };

  @Test
  void accumulatesOurStreamIntoTheMessageTheSdkExpects() throws Exception {
    String stream = Events.render(77, REPLY);
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> names = new ArrayList<>();
    for (String event : stream.split("\n\n")) {
      String[] lines = event.split("\n");
      names.add(lines[0].substring("event: ".length()));
      RawMessageStreamEvent parsed =
          SDK.readValue(lines[1].substring("data: ".length()), RawMessageStreamEvent.class);
      parsed.validate();
      accumulator.accumulate(parsed);
    }
    assertThat(names.get(0)).isEqualTo("message_start");
    assertThat(names.subList(names.size() - 2, names.size()))
        .containsExactly("message_delta", "message_stop");

    Message message = accumulator.message();
    message.validate();
    assertMessage(message);
  }

  @Test
  void readsOurNonStreamMessageAsAnSdkMessage() throws Exception {
    AnthropicResponseAggregator aggregator =
        new AnthropicResponseAggregator("claude-sonnet-4-5", 77, () -> "msg_test");
    for (ChatEvent e : REPLY) {
      aggregator.accept(e);
    }
    Message message = SDK.readValue(aggregator.json(), Message.class);
    message.validate();
    assertMessage(message);
  }

  @Test
  void readsOurErrorBodyAndErrorEventAsSdkErrors() throws Exception {
    GatewayException failure =
        new GatewayException(ErrorKind.RATE_LIMITED, "every credential is cooling down");
    ErrorResponse body = SDK.readValue(AnthropicErrors.body(failure, "req_1"), ErrorResponse.class);
    body.validate();
    assertThat(body.error().isRateLimitError()).isTrue();
    assertThat(body.error().asRateLimitError().message())
        .isEqualTo("every credential is cooling down");

    AnthropicStreamRenderer renderer = new AnthropicStreamRenderer("m", () -> "msg_x");
    renderer.start(1);
    String data = renderer.error(failure).split("\n")[1].substring("data: ".length());
    ErrorResponse event = SDK.readValue(data, ErrorResponse.class);
    event.validate();
    assertThat(event.error().isRateLimitError()).isTrue();
  }

  private static void assertMessage(Message message) {
    assertThat(message.id()).isEqualTo("msg_test");
    assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5");
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(message.usage().inputTokens()).isEqualTo(1500);
    assertThat(message.usage().outputTokens()).isEqualTo(60);
    List<ContentBlock> content = message.content();
    assertThat(content).hasSize(4);
    assertThat(content.get(0).asThinking().thinking()).isEqualTo("Think first.");
    assertThat(content.get(0).asThinking().signature()).isEmpty();
    assertThat(content.get(1).asText().text()).isEqualTo("Two reads.");
    assertThat(content.get(2).asToolUse().id()).isEqualTo("toolu_01A");
    assertThat(content.get(2).asToolUse()._input().toString()).contains("/a");
    assertThat(content.get(3).asToolUse().id()).isEqualTo("toolu_call_2");
    assertThat(content.get(3).asToolUse().name()).isEqualTo("Read");
    assertThat(content.get(3).asToolUse()._input().toString()).contains("/b", "5");
  }
}

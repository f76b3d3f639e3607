package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Events.call;
import static dev.warp2api.api.anthropic.Events.done;
import static dev.warp2api.api.anthropic.Events.reasoning;
import static dev.warp2api.api.anthropic.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Warp's reasoning reaches an Anthropic client as {@code thinking} blocks only when the request
 * asked for thinking; otherwise it is dropped, stream and non-stream, and the remaining blocks are
 * indexed from 0.
 */
class ThinkingOnlyWhenAskedTest {
  private static final List<ChatEvent> TURN = List.of(
      new ChatEvent.Started("c", "r"),
      reasoning("hmm, "),
      reasoning("ok"),
      text("Reading "),
      reasoning("more"),
      text("both."),
      call("toolu_1", "Read", "{}"),
      reasoning("after"),
      text("done"),
      done(new Usage(900, 40, 940, 2.0)));

  private static final AnthropicTranslation TRANSLATION = new AnthropicTranslation(Requests.MODELS);

  private static ChatTranslation.Parsed parse(String thinking) {
    return TRANSLATION.parse(Requests.json("{\"model\":\"claude-4-sonnet\",\"max_tokens\":100,"
        + (thinking == null ? "" : "\"thinking\":" + thinking + ",")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  private static String stream(ChatTranslation.Parsed parsed, boolean appending) {
    ChatTranslation.StreamRenderer renderer = parsed.streamRenderer();
    StringBuilder out = new StringBuilder(renderer.head());
    for (ChatEvent e : TURN) {
      if (appending) {
        renderer.onEvent(e, out);
      } else {
        out.append(renderer.onEvent(e));
      }
    }
    return out.toString();
  }

  private static JsonNode whole(ChatTranslation.Parsed parsed) {
    ChatTranslation.ResponseAggregator aggregator = parsed.aggregator();
    TURN.forEach(aggregator::accept);
    return Requests.json(aggregator.json());
  }

  @Test
  void withoutThinkingInTheRequestTheStreamHasNoThinkingBlockAndIndexesFromZero() {
    for (boolean appending : new boolean[] {false, true}) {
      String out = stream(parse(null), appending);
      assertThat(out)
          .doesNotContain("thinking")
          .doesNotContain("hmm")
          .doesNotContain("signature_delta");
      assertThat(out)
          .contains(
              "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
              "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"both.\"}",
              "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\"",
              "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"text\"",
              "{\"type\":\"content_block_stop\",\"index\":2}");
      assertThat(out).doesNotContain("\"index\":3");
    }
  }

  @Test
  void withoutThinkingInTheRequestTheMessageStartsWithTheText() {
    JsonNode content = whole(parse(null)).get("content");
    assertThat(content).hasSize(3);
    assertThat(content.get(0).toString())
        .isEqualTo("{\"type\":\"text\",\"text\":\"Reading both.\"}");
    assertThat(content.get(1).get("type").asText()).isEqualTo("tool_use");
    assertThat(content.get(2).toString()).isEqualTo("{\"type\":\"text\",\"text\":\"done\"}");
  }

  @Test
  void disabledThinkingDropsReasoningStreamedAndWhole() {
    assertThat(stream(parse("{\"type\":\"disabled\"}"), false)).doesNotContain("thinking");
    assertThat(whole(parse("{\"type\":\"disabled\"}")).toString()).doesNotContain("thinking");
  }

  @Test
  void enabledOrAdaptiveThinkingShowsReasoningAsThinkingBlocks() {
    for (String thinking :
        new String[] {"{\"type\":\"enabled\",\"budget_tokens\":2048}", "{\"type\":\"adaptive\"}"}) {
      assertThat(stream(parse(thinking), true))
          .contains(
              "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\"",
              "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm, \"}");
      JsonNode content = whole(parse(thinking)).get("content");
      assertThat(content.get(0).toString())
          .isEqualTo("{\"type\":\"thinking\",\"thinking\":\"hmm, ok\",\"signature\":\"\"}");
    }
  }
}

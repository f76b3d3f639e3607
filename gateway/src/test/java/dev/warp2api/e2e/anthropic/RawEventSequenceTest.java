package dev.warp2api.e2e.anthropic;

import static dev.warp2api.e2e.anthropic.AnthropicE2e.events;
import static dev.warp2api.e2e.anthropic.AnthropicE2e.shapes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.e2e.anthropic.AnthropicE2e.Sse;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The exact server-sent events of {@code POST /v1/messages} with {@code stream: true}, read as raw
 * HTTP. The simulator's usage is Warp's: input = ceil(serialized request bytes / 4), output =
 * ceil(chars / 4).
 */
class RawEventSequenceTest {
  @AutoClose
  private final TestStack stack = AnthropicE2e.stack();

  private HttpResponse<String> stream(String tools) {
    return stack.post(
        "/v1/messages",
        """
        {"model":"claude-haiku-4-5-20251001","max_tokens":512,"stream":true,%s
         "messages":[{"role":"user","content":"Read both files."}]}""".formatted(tools),
        "x-api-key",
        "anything",
        "anthropic-version",
        "2023-06-01");
  }

  @Test
  void textReplyIsStartOneTextBlockDeltaStop() throws Exception {
    String reply = "Alpha beta gamma delta epsilon.";
    stack.sim.enqueue(SimReply.text(reply).inDeltas(3));
    HttpResponse<String> r = stream("");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(r.headers().firstValue("request-id").orElse("")).startsWith("req_");
    assertThat(r.body()).doesNotContain("[DONE]");
    List<Sse> events = events(r.body());
    assertThat(shapes(events))
        .containsExactly(
            "message_start",
            "content_block_start:0:text",
            "content_block_delta:0:text_delta",
            "content_block_delta:0:text_delta",
            "content_block_delta:0:text_delta",
            "content_block_stop:0",
            "message_delta",
            "message_stop");
    assertThat(events.subList(2, 5).stream()
            .map(e -> e.data().at("/delta/text").asText())
            .reduce("", String::concat))
        .isEqualTo(reply);

    JsonNode start = events.get(0).data().get("message");
    assertThat(start.get("id").asText()).startsWith("msg_");
    assertThat(start.get("model").asText()).isEqualTo("claude-haiku-4-5-20251001");
    assertThat(start.get("content")).isEmpty();
    assertThat(start.get("stop_reason").isNull()).isTrue();
    assertThat(start.at("/usage/input_tokens").asLong()).isPositive();

    RecordedRequest seen = stack.sim.takeRequest();
    assertThat(seen.request().getSettings().getModelConfig().getBase())
        .isEqualTo("claude-4-5-haiku");
    JsonNode end = events.get(6).data();
    assertThat(end.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(end.at("/usage/input_tokens").asLong())
        .isEqualTo((seen.request().getSerializedSize() + 3) / 4);
    assertThat(end.at("/usage/output_tokens").asLong()).isEqualTo((reply.length() + 3) / 4);
  }

  @Test
  void twoToolCallsAreTwoToolUseBlocksThenStopReasonToolUse() throws Exception {
    List<SimToolCall> calls = List.of(
        new SimToolCall("Read", "{\"file_path\":\"/a.txt\"}"),
        new SimToolCall("Read", "{\"file_path\":\"/b.txt\",\"limit\":5}"));
    stack.sim.enqueue(SimReply.toolCalls(calls));
    HttpResponse<String> r = stream("""
        "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object",
          "properties":{"file_path":{"type":"string"},"limit":{"type":"integer"}},"required":["file_path"]}}],""");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("[DONE]");
    List<Sse> events = events(r.body());
    assertThat(shapes(events))
        .containsExactly(
            "message_start",
            "content_block_start:0:tool_use",
            "content_block_delta:0:input_json_delta",
            "content_block_stop:0",
            "content_block_start:1:tool_use",
            "content_block_delta:1:input_json_delta",
            "content_block_stop:1",
            "message_delta",
            "message_stop");

    String firstId = events.get(1).data().at("/content_block/id").asText();
    String secondId = events.get(4).data().at("/content_block/id").asText();
    assertThat(firstId).startsWith("toolu_").isNotEqualTo(secondId);
    assertThat(secondId).startsWith("toolu_");
    String normalized = r.body()
        .replace(firstId, "toolu_A")
        .replace(secondId, "toolu_B")
        .replaceAll("\"id\":\"msg_[^\"]+\"", "\"id\":\"msg_X\"");
    List<Sse> n = events(normalized);
    assertThat(n.get(1).data().toString())
        .isEqualTo(
            "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_A\",\"name\":\"Read\",\"input\":{}}}");
    assertThat(n.get(2).data().toString())
        .isEqualTo(
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"file_path\\\":\\\"/a.txt\\\"}\"}}");
    assertThat(n.get(5).data().at("/delta/partial_json").asText())
        .isEqualTo("{\"file_path\":\"/b.txt\",\"limit\":5}");
    assertThat(n.get(4).data().at("/content_block/id").asText()).isEqualTo("toolu_B");

    RecordedRequest seen = stack.sim.takeRequest();
    JsonNode end = events.get(7).data();
    assertThat(end.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    assertThat(events.get(0).data().at("/message/usage/input_tokens").asLong()).isPositive();
    assertThat(end.at("/usage/input_tokens").asLong())
        .isEqualTo((seen.request().getSerializedSize() + 3) / 4);
    long warpOutput = calls.stream()
        .mapToLong(c -> (c.name().length() + 3) / 4 + (c.argsJson().length() + 3) / 4)
        .sum();
    assertThat(end.at("/usage/output_tokens").asLong()).isEqualTo(warpOutput);
  }
}

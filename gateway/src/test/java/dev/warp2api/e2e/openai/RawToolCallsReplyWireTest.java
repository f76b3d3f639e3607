package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The exact chunk sequence of a reply with two parallel tool calls, with {@code include_usage}:
 * only {@code id}, {@code created} and the tool-call ids (Warp's random ids) are normalized.
 */
class RawToolCallsReplyWireTest {
  @AutoClose
  private final TestStack stack = OpenAiE2e.start();

  private static String chunk(String delta, String finish) {
    return "{\"id\":\"ID\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"gpt-4o\",\"choices\":[{"
        + "\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish
        + "}],\"usage\":null}";
  }

  private static long est(String s) {
    return (s.length() + 3) / 4;
  }

  @Test
  void twoToolCallsStreamAsSeparateIndexesThenToolCallsFinishThenUsageThenDone() throws Exception {
    stack.sim.enqueue(SimReply.toolCalls(List.of(
        new SimToolCall("get_weather", "{\"city\":\"Paris\"}"),
        new SimToolCall("get_time", "{\"zone\":\"Europe/Paris\"}"))));
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Weather and time in Paris?\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":{\"type\":\"object\"}}}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    long prompt = (stack.sim.takeRequest().request().getSerializedSize() + 3) / 4;
    // the simulator counts ceil(chars / 4) of each name and arguments text
    long completion = est("get_weather")
        + est("{\"city\":\"Paris\"}")
        + est("get_time")
        + est("{\"zone\":\"Europe/Paris\"}");

    Map<String, String> ids = new HashMap<>();
    List<String> data = SseBodies.dataLines(r.body()).stream()
        .map(d -> d.equals("[DONE]") ? d : OpenAiE2e.normalize(OpenAiE2e.parse(d), ids))
        .toList();
    assertThat(data)
        .containsExactly(
            chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
            chunk(
                "{\"tool_calls\":[{\"index\":0,\"id\":\"CALL0\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}",
                "null"),
            chunk(
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}",
                "null"),
            chunk(
                "{\"tool_calls\":[{\"index\":1,\"id\":\"CALL1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}",
                "null"),
            chunk(
                "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"zone\\\":\\\"Europe/Paris\\\"}\"}}]}",
                "null"),
            chunk("{}", "\"tool_calls\""),
            "{\"id\":\"ID\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"gpt-4o\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}",
            "[DONE]");
    assertThat(ids).hasSize(2);
  }
}

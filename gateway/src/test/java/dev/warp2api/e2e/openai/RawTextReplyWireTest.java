package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of a text reply over raw HTTP, streamed and not; only {@code id} and
 * {@code created} are normalized. Usage is Warp's: prompt = the simulator's
 * {@code total_input_tokens} (a quarter of the request's bytes, rounded up), completion = its total
 * minus that.
 */
class RawTextReplyWireTest {
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
  private static final String ENVELOPE =
      "{\"id\":\"ID\",\"object\":\"chat.completion.chunk\",\"created\":0,"
          + "\"model\":\"claude-4-5-sonnet\",\"choices\":[{\"index\":0,\"delta\":";

  @AutoClose
  private final TestStack stack = OpenAiE2e.start();

  private static String chunk(String delta, String finish) {
    return ENVELOPE + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]}";
  }

  private static long promptTokens(RecordedRequest r) {
    return (r.request().getSerializedSize() + 3) / 4;
  }

  @Test
  void streamedTextReplyIsExactlyRoleChunkContentChunksFinishChunkAndDone() throws Exception {
    stack.sim.enqueue(SimReply.text("Hello there, friend.").inDeltas(3));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(r.headers().firstValue("cache-control")).contains("no-cache");

    List<String> events = List.of(r.body().split("\n\n", -1));
    assertThat(events.get(events.size() - 1)).isEmpty();
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(e).startsWith("data: ").doesNotContain("\n"));
    HashMap<String, String> ids = new HashMap<>();
    List<String> data = SseBodies.dataLines(r.body()).stream()
        .map(d -> d.equals("[DONE]") ? d : OpenAiE2e.normalize(OpenAiE2e.parse(d), ids))
        .toList();
    assertThat(data)
        .containsExactly(
            chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
            chunk("{\"content\":\"Hello \"}", "null"),
            chunk("{\"content\":\"there, \"}", "null"),
            chunk("{\"content\":\"friend.\"}", "null"),
            chunk("{}", "\"stop\""),
            "[DONE]");
    List<String> rawIds = SseBodies.dataLines(r.body()).stream()
        .filter(d -> !d.equals("[DONE]"))
        .map(d -> OpenAiE2e.parse(d).get("id").asText() + "@"
            + OpenAiE2e.parse(d).get("created").asLong())
        .distinct()
        .toList();
    assertThat(rawIds).singleElement().satisfies(id -> assertThat(id).startsWith("chatcmpl-"));
  }

  @Test
  void nonStreamedTextReplyIsExactlyOneChatCompletionWithWarpsUsage() throws Exception {
    stack.sim.enqueue(SimReply.text("Hello there, friend.").inDeltas(3));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + "}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    long prompt = promptTokens(stack.sim.takeRequest());
    long completion = ("Hello there, friend.".length() + 3) / 4;
    assertThat(OpenAiE2e.normalize(OpenAiE2e.parse(r.body()), new HashMap<>()))
        .isEqualTo(
            "{\"id\":\"ID\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"claude-4-5-sonnet\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello there, friend.\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}");
    assertThat(OpenAiE2e.parse(r.body()).get("id").asText()).startsWith("chatcmpl-");
  }
}

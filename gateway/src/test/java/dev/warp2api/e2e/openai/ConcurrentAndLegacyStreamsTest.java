package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two clients streaming at the same time each get one whole answer, never a mix; and the 2025 wire
 * (the simulator's legacy mode) streams text and tool calls to OpenAI clients the same way.
 */
class ConcurrentAndLegacyStreamsTest {
  private static final String ASK = "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

  private static CompletableFuture<HttpResponse<String>> postAsync(TestStack stack, String json) {
    return stack.http.sendAsync(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void interleavedStreamsOfTwoClientsStayApart() throws Exception {
    try (TestStack stack = OpenAiE2e.start()) {
      stack.sim.enqueue(
          SimReply.text("alpha alpha alpha alpha").inDeltas(4).slow(Duration.ofMillis(40)));
      stack.sim.enqueue(
          SimReply.text("bravo bravo bravo bravo").inDeltas(4).slow(Duration.ofMillis(40)));
      var one = postAsync(stack, ASK.formatted("first"));
      var two = postAsync(stack, ASK.formatted("second"));
      HttpResponse<String> a = one.get(30, TimeUnit.SECONDS);
      HttpResponse<String> b = two.get(30, TimeUnit.SECONDS);
      assertThat(a.statusCode()).isEqualTo(200);
      assertThat(b.statusCode()).isEqualTo(200);
      Set<String> texts = Set.of(SseBodies.openAiText(a.body()), SseBodies.openAiText(b.body()));
      assertThat(texts)
          .containsExactlyInAnyOrder("alpha alpha alpha alpha", "bravo bravo bravo bravo");
      for (HttpResponse<String> r : List.of(a, b)) {
        List<String> ids = SseBodies.dataLines(r.body()).stream()
            .filter(d -> !d.equals("[DONE]"))
            .map(d -> OpenAiE2e.parse(d).get("id").asText())
            .distinct()
            .toList();
        assertThat(ids).hasSize(1);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
      }
      assertThat(SseBodies.dataLines(a.body()).get(0))
          .isNotEqualTo(SseBodies.dataLines(b.body()).get(0));
    }
  }

  @Test
  void legacyWireStreamsTextAndToolCallsAlike() throws Exception {
    SimConfig legacy = SimConfig.defaults()
        .withLegacy(true)
        .withAccounts(SimAccountSpec.of(OpenAiE2e.TOKEN, "alpha", 100));
    try (TestStack stack = TestStack.start(legacy, Map.of("WARP_REFRESH_TOKEN", OpenAiE2e.TOKEN))) {
      stack.sim.enqueue(SimReply.text("Legacy hello.").inDeltas(3));
      HttpResponse<String> text = stack.post("/v1/chat/completions", ASK.formatted("hi"));
      assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
      assertThat(SseBodies.openAiText(text.body())).isEqualTo("Legacy hello.");
      assertThat(text.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");

      stack.sim.enqueue(
          SimReply.toolCalls(List.of(new SimToolCall("get_weather", "{\"city\":\"Oslo\"}"))));
      HttpResponse<String> tools = stack.post(
          "/v1/chat/completions",
          "{\"model\":\"claude-4-5-sonnet\","
              + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"tools\":[{\"type\":\"function\","
              + "\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}");
      assertThat(tools.statusCode()).as(tools.body()).isEqualTo(200);
      var message = OpenAiE2e.parse(tools.body()).at("/choices/0");
      assertThat(message.get("finish_reason").asText()).isEqualTo("tool_calls");
      assertThat(message.at("/message/tool_calls/0/function/name").asText())
          .isEqualTo("get_weather");
      assertThat(OpenAiE2e.parse(
              message.at("/message/tool_calls/0/function/arguments").asText()))
          .isEqualTo(OpenAiE2e.parse("{\"city\":\"Oslo\"}"));
    }
  }
}

package dev.warp2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class OpenAiChatThroughSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of("rt-alpha-0001", "alpha", 100)),
      Map.of("WARP_REFRESH_TOKEN", "rt-alpha-0001"));

  @Test
  void nonStreamingChatReturnsTheSimulatorsAnswer() throws Exception {
    stack.sim.enqueue(SimReply.text("Paris is the capital of France.").inDeltas(4));
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Capital of France?\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.at("/choices/0/message/content").asText())
        .isEqualTo("Paris is the capital of France.");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/total_tokens").asLong()).isPositive();
    var recorded = stack.sim.takeRequest();
    assertThat(recorded.lastQuery()).isEqualTo("Capital of France?");
    assertThat(recorded.request().getSettings().getModelConfig().getBase())
        .isEqualTo("claude-4-5-sonnet");
  }

  @Test
  void streamingChatSendsChunksThenDone() throws Exception {
    stack.sim.enqueue(SimReply.text("Hello there, friend.").inDeltas(3));
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    StringBuilder text = new StringBuilder();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode chunk = JSON.readTree(line.substring(6));
        JsonNode content = chunk.at("/choices/0/delta/content");
        if (content.isTextual()) {
          text.append(content.asText());
        }
      }
    }
    assertThat(text.toString()).isEqualTo("Hello there, friend.");
    assertThat(r.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
  }
}

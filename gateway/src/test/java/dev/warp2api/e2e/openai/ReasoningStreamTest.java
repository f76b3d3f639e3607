package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Warp's {@code agent_reasoning} arrives as {@code reasoning_content}: deltas when streamed, a
 * field when not.
 */
class ReasoningStreamTest {
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet-thinking\",\"reasoning_effort\":\"high\","
          + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 6*7?\"}]";

  @AutoClose
  private final TestStack stack = OpenAiE2e.start();

  @Test
  void reasoningStreamsAsReasoningContentDeltasBeforeTheAnswer() {
    stack.sim.enqueue(SimReply.reasoning("Six times seven is forty-two.", "42"));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StringBuilder reasoning = new StringBuilder();
    StringBuilder content = new StringBuilder();
    int firstReasoning = -1;
    int firstContent = -1;
    int i = 0;
    for (String d : SseBodies.dataLines(r.body())) {
      if (d.equals("[DONE]")) {
        continue;
      }
      JsonNode delta = OpenAiE2e.parse(d).at("/choices/0/delta");
      if (delta.has("reasoning_content")) {
        reasoning.append(delta.get("reasoning_content").asText());
        firstReasoning = firstReasoning < 0 ? i : firstReasoning;
      }
      if (delta.hasNonNull("content") && !delta.get("content").asText().isEmpty()) {
        content.append(delta.get("content").asText());
        firstContent = firstContent < 0 ? i : firstContent;
      }
      i++;
    }
    assertThat(reasoning.toString()).isEqualTo("Six times seven is forty-two.");
    assertThat(content.toString()).isEqualTo("42");
    assertThat(firstReasoning).isPositive().isLessThan(firstContent);
    assertThat(r.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
  }

  @Test
  void nonStreamedAnswerCarriesReasoningContentBesideTheContent() {
    stack.sim.enqueue(SimReply.reasoning("Six times seven is forty-two.", "42"));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode message = OpenAiE2e.parse(r.body()).at("/choices/0/message");
    assertThat(message.get("reasoning_content").asText())
        .isEqualTo("Six times seven is forty-two.");
    assertThat(message.get("content").asText()).isEqualTo("42");
  }
}

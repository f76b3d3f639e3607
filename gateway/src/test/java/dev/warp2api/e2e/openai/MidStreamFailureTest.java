package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Warp's connection drops after some text was streamed (the simulator's default reply: events 7 and
 * 8 are its first two text deltas): the stream ends with an explicit {@code data: {"error":...}}
 * and no {@code [DONE]}, never a silent cut, and there is no retry (output was already sent).
 */
class MidStreamFailureTest {
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me\"}]}";

  @AutoClose
  private final TestStack stack = OpenAiE2e.start();

  @Test
  void upstreamDropAfterTextEndsTheStreamWithAnErrorEvent() {
    stack.sim.enqueue(SimFault.disconnectAfter(8));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK);
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> data = SseBodies.dataLines(r.body());
    assertThat(data).isNotEmpty().doesNotContain("[DONE]");
    assertThat(data.stream()
            .filter(d -> d.contains("\"content\":\"") && !d.contains("\"content\":\"\"")))
        .as("some text came through before the drop")
        .isNotEmpty();
    JsonNode last = OpenAiE2e.parse(data.get(data.size() - 1));
    assertThat(last.has("choices")).isFalse();
    JsonNode error = last.get("error");
    assertThat(error).isNotNull();
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(error.get("code").asText()).isEqualTo("upstream_error");
    assertThat(r.body()).endsWith("\n\n");
    assertThat(stack.sim.requestCount()).isEqualTo(1);
  }

  @Test
  void sdkRaisesOnTheErrorEvent() {
    stack.sim.enqueue(SimFault.disconnectAfter(8));
    OpenAIClient client = OpenAiE2e.sdk(stack, "any-key");
    try {
      ChatCompletionCreateParams p = ChatCompletionCreateParams.builder()
          .model("claude-4-5-sonnet")
          .addUserMessage("Tell me")
          .build();
      Throwable thrown = catchThrowable(() -> {
        try (StreamResponse<ChatCompletionChunk> s =
            client.chat().completions().createStreaming(p)) {
          s.stream().forEach(c -> {});
        }
      });
      assertThat(thrown).isInstanceOf(OpenAIException.class);
    } finally {
      client.close();
    }
  }
}

package dev.warp2api.e2e.anthropic;

import static dev.warp2api.e2e.anthropic.AnthropicE2e.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.e2e.anthropic.AnthropicE2e.Sse;
import dev.warp2api.sim.SimFinish;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Warp's context-window finish is {@code model_context_window_exceeded} for a client that sent the
 * {@code model-context-window-exceeded-2025-08-26} beta, and {@code max_tokens} for every other
 * client.
 */
class ContextWindowStopReasonTest {
  private static final String BETA = "model-context-window-exceeded-2025-08-26";
  private static final String ASK =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,%s\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @AutoClose
  private final TestStack stack = AnthropicE2e.stack();

  private String stopReasons(String... headers) {
    stack.sim.enqueue(SimReply.text("Some output.").endingWith(SimFinish.CONTEXT_WINDOW_EXCEEDED));
    stack.sim.enqueue(SimReply.text("Some output.").endingWith(SimFinish.CONTEXT_WINDOW_EXCEEDED));
    HttpResponse<String> whole = stack.post("/v1/messages?beta=true", ASK.formatted(""), headers);
    HttpResponse<String> streamed =
        stack.post("/v1/messages?beta=true", ASK.formatted("\"stream\":true,"), headers);
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    List<Sse> events = events(streamed.body());
    String streamedReason = events.stream()
        .filter(e -> e.data().path("type").asText().equals("message_delta"))
        .map(e -> e.data().at("/delta/stop_reason").asText())
        .findFirst()
        .orElseThrow();
    return AnthropicE2e.json(whole.body()).get("stop_reason").asText() + "," + streamedReason;
  }

  @Test
  void aClientWithTheBetaGetsModelContextWindowExceededStreamedAndWhole() {
    assertThat(stopReasons(
            "anthropic-beta", "claude-code-20250219," + BETA + ",interleaved-thinking-2025-05-14"))
        .isEqualTo("model_context_window_exceeded,model_context_window_exceeded");
    assertThat(stopReasons("anthropic-beta", "claude-code-20250219", "anthropic-beta", " " + BETA))
        .as("the beta in a second header")
        .isEqualTo("model_context_window_exceeded,model_context_window_exceeded");
  }

  @Test
  void aClientWithoutTheBetaGetsMaxTokens() {
    assertThat(stopReasons()).isEqualTo("max_tokens,max_tokens");
    assertThat(
            stopReasons("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14"))
        .isEqualTo("max_tokens,max_tokens");
  }
}

package dev.warp2api.e2e.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model ids Claude Code sends in its opus, sonnet and haiku slots reach Warp as Warp's ids,
 * echoed back unchanged.
 */
class ClaudeCodeModelNamesTest {
  private static TestStack stack;

  @BeforeAll
  static void start() {
    stack = AnthropicE2e.stack();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @ParameterizedTest
  @CsvSource({
    "claude-sonnet-4-5-20250929, claude-4-5-sonnet",
    "claude-sonnet-4-5, claude-4-5-sonnet",
    "claude-opus-4-1-20250805, claude-4-5-opus",
    "claude-haiku-4-5-20251001, claude-4-5-haiku",
    "claude-3-5-haiku-20241022, claude-4-5-haiku",
    "claude-4-5-sonnet, claude-4-5-sonnet"
  })
  void claudeCodeModelNameResolvesThroughTheAliasTable(String sent, String warpId)
      throws Exception {
    stack.sim.enqueue(SimReply.text("ok"));
    HttpResponse<String> r =
        stack.post("/v1/messages?beta=true", """
        {"model":"%s","max_tokens":16,"messages":[{"role":"user","content":"title please"}]}""".formatted(sent), ClaudeCodeRequests.HEADERS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(AnthropicE2e.json(r.body()).get("model").asText()).isEqualTo(sent);
    assertThat(stack.sim.takeRequest().request().getSettings().getModelConfig().getBase())
        .isEqualTo(warpId);
  }
}

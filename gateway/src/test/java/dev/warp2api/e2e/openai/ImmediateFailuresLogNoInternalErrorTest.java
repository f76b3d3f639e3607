package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A chat the pipeline answers at once, without an upstream call (here: no credential configured,
 * 503), is answered in the dialect and logs no internal error: the response ended inside the
 * pipeline's call, and nothing may touch it afterwards.
 */
class ImmediateFailuresLogNoInternalErrorTest {
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

  @AutoClose
  private final TestStack stack = TestStack.start(SimConfig.defaults(), Map.of());

  @Test
  void aChatWithoutAnyCredentialIs503AndLogsNoError() {
    try (LogLines logs = new LogLines()) {
      HttpResponse<String> whole = stack.post("/v1/chat/completions", ASK + "}");
      HttpResponse<String> streamed = stack.post("/v1/chat/completions", ASK + ",\"stream\":true}");
      assertThat(whole.statusCode()).as(whole.body()).isEqualTo(503);
      assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(503);
      assertThat(logs.lines()).noneMatch(l -> l.startsWith("ERROR"));
    }
  }
}

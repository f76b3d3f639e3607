package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Events.call;
import static dev.warp2api.api.anthropic.Events.finished;
import static dev.warp2api.api.anthropic.Events.render;
import static dev.warp2api.api.anthropic.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StopReasonAndErrorStreamTest {

  @ParameterizedTest
  @CsvSource({
    "DONE,end_turn",
    "UNSPECIFIED,end_turn",
    "MAX_TOKENS,max_tokens",
    "CONTEXT_WINDOW_EXCEEDED,max_tokens",
    "QUOTA_LIMIT,max_tokens"
  })
  void mapsANormalFinishAfterTextToItsStopReason(FinishReason reason, String stopReason) {
    String out = render(5, text("some output"), finished(reason));
    assertThat(out)
        .contains("\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null}")
        .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void reportsTheContextWindowAsModelContextWindowExceededOnlyWhenTheClientAcceptsIt() {
    for (boolean accepts : new boolean[] {true, false}) {
      String expected = accepts ? "model_context_window_exceeded" : "max_tokens";
      ReplyOptions options = new ReplyOptions(false, accepts);
      AnthropicStreamRenderer r = new AnthropicStreamRenderer("m", options, () -> "msg_x");
      String out = r.start(5)
          + r.onEvent(text("some"))
          + r.onEvent(finished(FinishReason.CONTEXT_WINDOW_EXCEEDED));
      assertThat(out).contains("\"delta\":{\"stop_reason\":\"" + expected + "\",");
      AnthropicResponseAggregator a =
          new AnthropicResponseAggregator("m", 5, options, () -> "msg_x");
      a.accept(text("some"));
      a.accept(finished(FinishReason.CONTEXT_WINDOW_EXCEEDED));
      assertThat(a.json()).contains("\"stop_reason\":\"" + expected + "\"");
      a = new AnthropicResponseAggregator("m", 5, options, () -> "msg_x");
      a.accept(text("some"));
      a.accept(finished(FinishReason.MAX_TOKENS));
      assertThat(a.json())
          .as("the output limit stays max_tokens")
          .contains("\"stop_reason\":\"max_tokens\"");
    }
  }

  @Test
  void reportsToolUseWhenDoneFollowsAToolCall() {
    assertThat(render(5, call("toolu_1", "Read", "{}"), finished(FinishReason.DONE)))
        .contains("\"stop_reason\":\"tool_use\"");
  }

  @ParameterizedTest
  @CsvSource({
    "LLM_UNAVAILABLE, api_error",
    "INTERNAL_ERROR, api_error",
    "OTHER, api_error",
    "INVALID_API_KEY, invalid_request_error"
  })
  void endsWithAnErrorEventForAFailedFinish(FinishReason reason, String type) {
    String out = render(5, text("partial"), finished(reason));
    String what = reason == FinishReason.INVALID_API_KEY
        ? "Warp rejected the request as malformed: "
        : "Warp failed: ";
    assertThat(out)
        .endsWith(
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"" + type
                + "\",\"message\":"
                + "\"" + what + "Warp ended the turn with reason "
                + reason.name().toLowerCase() + "\"}}\n\n");
    assertThat(out).doesNotContain("message_stop");
  }

  @Test
  void treatsAQuotaLimitBeforeAnyOutputAsARateLimitError() {
    assertThat(render(5, finished(FinishReason.QUOTA_LIMIT)))
        .endsWith(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                + "\"message\":\"Every Warp credential's quota is exhausted.\"}}\n\n");
  }

  @Test
  void rendersAGatewayFailureAsAnErrorEventAndThenNothing() {
    AnthropicStreamRenderer r = new AnthropicStreamRenderer("m", () -> "msg_x");
    r.start(5);
    r.onEvent(text("hi"));
    String error =
        r.error(new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "Warp did not answer in 60 s"));
    assertThat(error)
        .isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\","
            + "\"message\":\"Warp did not answer in 60 s\"}}\n\n");
    assertThat(r.onEvent(finished(FinishReason.DONE))).isEmpty();
    assertThat(r.error(new GatewayException(ErrorKind.INTERNAL, "again"))).isEmpty();
  }
}

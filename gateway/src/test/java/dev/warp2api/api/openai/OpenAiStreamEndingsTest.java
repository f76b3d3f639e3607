package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How each Warp finish reason, and a failure, ends a stream (what each means is decided by Ending).
 */
class OpenAiStreamEndingsTest {

  private static String finishAfterText(FinishReason reason, boolean withToolCall) {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "m", false, 0);
    r.head();
    r.onEvent(new ChatEvent.TextDelta("partial"));
    if (withToolCall) {
      r.onEvent(new ChatEvent.ToolCallEvent(new ToolCall("c", "f", "{}")));
    }
    return r.onEvent(new ChatEvent.Finished(reason, Usage.UNKNOWN, "detail", false));
  }

  @ParameterizedTest
  @CsvSource({
    "DONE, false, stop", "UNSPECIFIED, false, stop", "DONE, true, tool_calls",
    "MAX_TOKENS, false, length", "CONTEXT_WINDOW_EXCEEDED, false, length",
        "QUOTA_LIMIT, false, length",
    "MAX_TOKENS, true, length"
  })
  void mapsNormalEndingsToFinishReasons(
      FinishReason reason, boolean withToolCall, String expected) {
    assertThat(finishAfterText(reason, withToolCall))
        .contains("\"delta\":{},\"logprobs\":null,\"finish_reason\":\"" + expected + "\"}")
        .endsWith("data: [DONE]\n\n");
  }

  @ParameterizedTest
  @CsvSource({
    "LLM_UNAVAILABLE, server_error, upstream_error",
    "INTERNAL_ERROR, server_error, upstream_error",
    "OTHER, server_error, upstream_error",
    "INVALID_API_KEY, invalid_request_error, upstream_bad_request"
  })
  void abnormalEndingsBecomeAnErrorEventWithoutDone(FinishReason reason, String type, String code) {
    String text = finishAfterText(reason, false);
    assertThat(text)
        .startsWith("data: {\"error\":{\"message\":\"Warp ")
        .contains("Warp ended the turn with reason " + reason.name().toLowerCase())
        .contains("\"type\":\"" + type + "\",\"param\":null,\"code\":\"" + code + "\"}}")
        .doesNotContain("[DONE]")
        .doesNotContain("detail");
  }

  @Test
  void quotaLimitBeforeAnyOutputIsAnInsufficientQuotaError() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "m", true, 0);
    r.head();
    String text =
        r.onEvent(new ChatEvent.Finished(FinishReason.QUOTA_LIMIT, Usage.UNKNOWN, null, false));
    assertThat(text)
        .isEqualTo(
            "data: {\"error\":{\"message\":\"Every Warp credential's quota is exhausted.\","
                + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}\n\n");
    assertThat(r.ended()).isTrue();
  }

  @Test
  void errorAfterTheHeadIsOneErrorEventAndEndsTheStream() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "m", false, 0);
    r.head();
    String text = r.error(
        new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "Warp did not answer within 120 s"));
    assertThat(text)
        .isEqualTo("data: {\"error\":{\"message\":\"Warp did not answer within 120 s\","
            + "\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_timeout\"}}\n\n");
    assertThatThrownBy(() -> r.onEvent(new ChatEvent.TextDelta("late")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(r::keepAlive).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nothingMayFollowDone() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "m", false, 0);
    r.onEvent(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    assertThatThrownBy(
            () -> r.onEvent(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false)))
        .isInstanceOf(IllegalStateException.class);
  }
}

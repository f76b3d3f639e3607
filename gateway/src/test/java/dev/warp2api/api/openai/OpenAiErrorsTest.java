package dev.warp2api.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OpenAiErrorsTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "INVALID_REQUEST, invalid_request_error, NULL",
        "MODEL_NOT_FOUND, invalid_request_error, model_not_found",
        "QUOTA_EXHAUSTED, insufficient_quota, insufficient_quota",
        "RATE_LIMITED, requests, rate_limit_exceeded",
        "PAYLOAD_TOO_LARGE, invalid_request_error, request_too_large",
        "UPSTREAM_FAILED, server_error, upstream_error",
        "UPSTREAM_TIMEOUT, server_error, upstream_timeout",
        "NO_CREDENTIALS, server_error, no_credentials",
        "INTERNAL, server_error, internal_error"
      })
  void rendersTypeAndCodePerKind(ErrorKind kind, String type, String code) {
    var body = OpenAiErrors.body(GatewayException.about(kind, "what happened", "some.field"));
    assertThat(body.at("/error/message").asText()).isEqualTo("what happened");
    assertThat(body.at("/error/type").asText()).isEqualTo(type);
    assertThat(body.at("/error/param").asText()).isEqualTo("some.field");
    assertThat(body.at("/error/code").isNull()).isEqualTo(code == null);
    if (code != null) {
      assertThat(body.at("/error/code").asText()).isEqualTo(code);
    }
  }

  @Test
  void invalidRequestNamesTheFieldExactly() {
    assertThat(OpenAiErrors.json(
            GatewayException.invalid("`messages[2].content` is required", "messages[2].content")))
        .isEqualTo(
            "{\"error\":{\"message\":\"`messages[2].content` is required\",\"type\":\"invalid_request_error\","
                + "\"param\":\"messages[2].content\",\"code\":null}}");
  }

  @Test
  void unauthorizedNeverEchoesWhatWasPresented() {
    String secret = "sk-live-0123456789abcdef";
    String json = OpenAiErrors.json(
        GatewayException.about(ErrorKind.UNAUTHORIZED, "bad key " + secret, secret));
    assertThat(json)
        .isEqualTo(
            "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_api_key\"}}");
    assertThat(json).doesNotContain("sk-live");
  }

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void everyKindHasAType(ErrorKind kind) {
    assertThat(
            OpenAiErrors.body(new GatewayException(kind, "m")).at("/error/type").asText())
        .isNotBlank();
  }
}

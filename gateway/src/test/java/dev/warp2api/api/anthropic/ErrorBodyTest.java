package dev.warp2api.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodyTest {

  @ParameterizedTest
  @CsvSource({
    "INVALID_REQUEST,invalid_request_error",
    "UPSTREAM_BAD_REQUEST,invalid_request_error",
    "UNAUTHORIZED,authentication_error",
    "FORBIDDEN,permission_error",
    "NOT_FOUND,not_found_error",
    "MODEL_NOT_FOUND,not_found_error",
    "PAYLOAD_TOO_LARGE,request_too_large",
    "QUOTA_EXHAUSTED,rate_limit_error",
    "RATE_LIMITED,rate_limit_error",
    "UPSTREAM_FAILED,api_error",
    "INTERNAL,api_error",
    "UPSTREAM_TIMEOUT,timeout_error",
    "NO_CREDENTIALS,api_error",
    "METHOD_NOT_ALLOWED,invalid_request_error"
  })
  void namesAnthropicsErrorTypeForEachKind(ErrorKind kind, String type) {
    assertThat(AnthropicErrors.type(kind)).isEqualTo(type);
  }

  @Test
  void writesTheErrorBodyWithTheRequestId() {
    GatewayException e = GatewayException.invalid("max_tokens: field required", "max_tokens");
    assertThat(AnthropicErrors.body(e, "req_123"))
        .isEqualTo(
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: field required\"},"
                + "\"request_id\":\"req_123\"}");
  }

  @Test
  void leavesOutAMissingRequestId() {
    assertThat(AnthropicErrors.body(new GatewayException(ErrorKind.INTERNAL, "boom"), null))
        .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}");
  }
}

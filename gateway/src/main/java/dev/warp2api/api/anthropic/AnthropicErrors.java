package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;

/**
 * Error bodies in Anthropic's shape,
 * {@code {"type":"error","error":{"type","message"},"request_id"}}. The HTTP status is the lead's
 * {@code ErrorMapper}'s decision; this class only names the error type.
 *
 * <p>Choices: {@code UPSTREAM_TIMEOUT} is {@code timeout_error} (Anthropic's type for 504, which
 * the official SDKs know); {@code NO_CREDENTIALS} is {@code api_error}, not
 * {@code overloaded_error}, because it is a configuration problem that waiting will not fix.
 * Stateless and thread-safe.
 */
public final class AnthropicErrors {
  private AnthropicErrors() {}

  /** Anthropic's {@code error.type} for a kind. */
  public static String type(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, UPSTREAM_BAD_REQUEST, METHOD_NOT_ALLOWED -> "invalid_request_error";
      case UNAUTHORIZED -> "authentication_error";
      case FORBIDDEN, MODEL_NOT_ALLOWED -> "permission_error";
      case NOT_FOUND, MODEL_NOT_FOUND -> "not_found_error";
      case PAYLOAD_TOO_LARGE -> "request_too_large";
      case QUOTA_EXHAUSTED, RATE_LIMITED, KEY_RATE_LIMITED, KEY_BUDGET_EXHAUSTED ->
        "rate_limit_error";
      case UPSTREAM_TIMEOUT -> "timeout_error";
      case OVERLOADED -> "overloaded_error";
      case UPSTREAM_FAILED, INTERNAL, NO_CREDENTIALS, STORE_UNAVAILABLE -> "api_error";
    };
  }

  /** The error body of a failed response; {@code requestId} may be null, and is then left out. */
  public static String body(GatewayException error, String requestId) {
    ObjectNode body = Json.object().put("type", "error");
    body.set("error", error(error));
    if (requestId != null) {
      body.put("request_id", requestId);
    }
    return Json.write(body);
  }

  /** {@code {"type": <type>, "message": <safe message>}}. */
  static ObjectNode error(GatewayException error) {
    return Json.object().put("type", type(error.kind())).put("message", error.safeMessage());
  }
}

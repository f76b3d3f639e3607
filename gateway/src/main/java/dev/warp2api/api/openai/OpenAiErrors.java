package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;

/**
 * OpenAI's error object {@code {"error":{"message","type","param","code"}}} for a
 * {@link GatewayException}. The HTTP status is {@code api.ErrorMapper}'s decision; this class only
 * renders the body. Stateless and thread-safe.
 *
 * <table>
 *   <caption>type and code per kind</caption>
 *   <tr><th>kind</th><th>type</th><th>code</th></tr>
 *   <tr><td>INVALID_REQUEST</td><td>invalid_request_error</td><td>null</td></tr>
 *   <tr><td>UNAUTHORIZED</td><td>invalid_request_error</td><td>invalid_api_key (fixed message)</td></tr>
 *   <tr><td>FORBIDDEN</td><td>invalid_request_error</td><td>forbidden</td></tr>
 *   <tr><td>MODEL_NOT_ALLOWED</td><td>permission_error</td><td>model_not_allowed (a named key's model list)</td></tr>
 *   <tr><td>NOT_FOUND, METHOD_NOT_ALLOWED</td><td>invalid_request_error</td><td>null</td></tr>
 *   <tr><td>MODEL_NOT_FOUND</td><td>invalid_request_error</td><td>model_not_found</td></tr>
 *   <tr><td>PAYLOAD_TOO_LARGE</td><td>invalid_request_error</td><td>request_too_large</td></tr>
 *   <tr><td>UPSTREAM_BAD_REQUEST</td><td>invalid_request_error</td><td>upstream_bad_request</td></tr>
 *   <tr><td>QUOTA_EXHAUSTED</td><td>insufficient_quota</td><td>insufficient_quota</td></tr>
 *   <tr><td>RATE_LIMITED</td><td>requests</td><td>rate_limit_exceeded (as OpenAI's own 429)</td></tr>
 *   <tr><td>KEY_RATE_LIMITED</td><td>requests</td><td>rate_limit_exceeded (a named key's per-minute limit)</td></tr>
 *   <tr><td>KEY_BUDGET_EXHAUSTED</td><td>insufficient_quota</td><td>insufficient_quota (a named key's daily budget)</td></tr>
 *   <tr><td>NO_CREDENTIALS</td><td>server_error</td><td>no_credentials</td></tr>
 *   <tr><td>STORE_UNAVAILABLE</td><td>server_error</td><td>store_unavailable (an admin change while Redis is away)</td></tr>
 *   <tr><td>OVERLOADED</td><td>server_error</td><td>overloaded</td></tr>
 *   <tr><td>UPSTREAM_FAILED, UPSTREAM_TIMEOUT</td><td>server_error</td><td>upstream_error, upstream_timeout</td></tr>
 *   <tr><td>INTERNAL</td><td>server_error</td><td>internal_error</td></tr>
 * </table>
 *
 * The official SDKs pick their exception class by HTTP status, not by {@code type}; the values
 * follow what OpenAI itself sends so that code inspecting {@code error.code} works unchanged.
 */
public final class OpenAiErrors {
  /** Fixed, so that nothing of a presented key is ever echoed. */
  static final String BAD_KEY_MESSAGE = "Incorrect API key provided.";

  private OpenAiErrors() {}

  /**
   * The error body for {@code failure}. Never includes anything but the exception's safe message
   * and param.
   */
  public static ObjectNode body(GatewayException failure) {
    ErrorKind kind = failure.kind();
    ObjectNode root = OpenAiJson.object();
    ObjectNode error = root.putObject("error");
    error.put("message", kind == ErrorKind.UNAUTHORIZED ? BAD_KEY_MESSAGE : failure.safeMessage());
    error.put("type", type(kind));
    error.put("param", kind == ErrorKind.UNAUTHORIZED ? null : failure.param());
    error.put("code", code(kind));
    return root;
  }

  /** {@link #body} as compact JSON text. */
  public static String json(GatewayException failure) {
    return OpenAiJson.write(body(failure));
  }

  private static String type(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST,
          UNAUTHORIZED,
          FORBIDDEN,
          NOT_FOUND,
          MODEL_NOT_FOUND,
          METHOD_NOT_ALLOWED,
          PAYLOAD_TOO_LARGE,
          UPSTREAM_BAD_REQUEST -> "invalid_request_error";
      case MODEL_NOT_ALLOWED -> "permission_error";
      case QUOTA_EXHAUSTED, KEY_BUDGET_EXHAUSTED -> "insufficient_quota";
      case RATE_LIMITED, KEY_RATE_LIMITED -> "requests";
      case NO_CREDENTIALS,
          STORE_UNAVAILABLE,
          OVERLOADED,
          UPSTREAM_FAILED,
          UPSTREAM_TIMEOUT,
          INTERNAL -> "server_error";
    };
  }

  private static String code(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, NOT_FOUND, METHOD_NOT_ALLOWED -> null;
      case UNAUTHORIZED -> "invalid_api_key";
      case FORBIDDEN -> "forbidden";
      case MODEL_NOT_ALLOWED -> "model_not_allowed";
      case MODEL_NOT_FOUND -> "model_not_found";
      case PAYLOAD_TOO_LARGE -> "request_too_large";
      case UPSTREAM_BAD_REQUEST -> "upstream_bad_request";
      case QUOTA_EXHAUSTED, KEY_BUDGET_EXHAUSTED -> "insufficient_quota";
      case RATE_LIMITED, KEY_RATE_LIMITED -> "rate_limit_exceeded";
      case NO_CREDENTIALS -> "no_credentials";
      case STORE_UNAVAILABLE -> "store_unavailable";
      case OVERLOADED -> "overloaded";
      case UPSTREAM_FAILED -> "upstream_error";
      case UPSTREAM_TIMEOUT -> "upstream_timeout";
      case INTERNAL -> "internal_error";
    };
  }
}

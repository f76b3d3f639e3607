package dev.warp2api.api;

import dev.warp2api.core.ErrorKind;

/** The one table from error kind to HTTP status (docs/API.md, 'Errors'). */
public final class ErrorStatus {
  private ErrorStatus() {}

  public static int of(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, UPSTREAM_BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN, MODEL_NOT_ALLOWED -> 403;
      case NOT_FOUND, MODEL_NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case PAYLOAD_TOO_LARGE -> 413;
      case QUOTA_EXHAUSTED, RATE_LIMITED, KEY_RATE_LIMITED, KEY_BUDGET_EXHAUSTED -> 429;
      case INTERNAL -> 500;
      case UPSTREAM_FAILED -> 502;
      case NO_CREDENTIALS, STORE_UNAVAILABLE, OVERLOADED -> 503;
      case UPSTREAM_TIMEOUT -> 504;
    };
  }
}

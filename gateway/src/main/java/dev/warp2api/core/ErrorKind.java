package dev.warp2api.core;

/**
 * Every kind of error the gateway reports to a client. {@code api.ErrorMapper} turns a kind into an
 * HTTP status and a body in the client's dialect; nothing else decides a status.
 */
public enum ErrorKind {
  /** Malformed JSON, a missing or mistyped field, an unsupported value. 400. */
  INVALID_REQUEST,
  /** Missing or wrong client key. 401. */
  UNAUTHORIZED,
  /** Not allowed from this address (admin routes without an admin key). 403. */
  FORBIDDEN,
  /** A named client key asked for a model outside its list. 403 ({@code permission_error}). */
  MODEL_NOT_ALLOWED,
  /** Unknown route or resource. 404. */
  NOT_FOUND,
  /** Unknown model. 404 ({@code model_not_found} / {@code not_found_error}). */
  MODEL_NOT_FOUND,
  /** Wrong method on a known route. 405. */
  METHOD_NOT_ALLOWED,
  /** Body larger than {@code W2A_MAX_BODY_BYTES}. 413. */
  PAYLOAD_TOO_LARGE,
  /** Warp rejected the request as malformed. 400, no failover. */
  UPSTREAM_BAD_REQUEST,
  /** No credential configured at all. 503. */
  NO_CREDENTIALS,
  /** Every credential's quota is exhausted. 429 with Retry-After. */
  QUOTA_EXHAUSTED,
  /** Every credential is cooling down after overload or rate limits. 429 with Retry-After. */
  RATE_LIMITED,
  /**
   * A named client key is over its requests per minute. 429 ({@code rate_limit_exceeded}) with
   * Retry-After.
   */
  KEY_RATE_LIMITED,
  /**
   * A named client key has used its daily token budget. 429 ({@code insufficient_quota}) with
   * Retry-After until the next UTC midnight.
   */
  KEY_BUDGET_EXHAUSTED,
  /**
   * The gateway is at one of its own bounds (request-body memory,
   * {@code W2A_MAX_INFLIGHT_BODY_BYTES}), or this instance is shutting down and its
   * {@code W2A_SHUTDOWN_GRACE} is over; the client may retry after {@code Retry-After}. 503.
   */
  OVERLOADED,
  /** Warp failed after all retries. 502. */
  UPSTREAM_FAILED,
  /**
   * The shared state store (Redis) cannot be reached, so an operator's change cannot be stored and
   * is not made. 503.
   */
  STORE_UNAVAILABLE,
  /** Warp did not answer in time. 504. */
  UPSTREAM_TIMEOUT,
  /** A bug of ours. 500; the message never carries internals. */
  INTERNAL
}

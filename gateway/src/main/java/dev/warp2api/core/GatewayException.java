package dev.warp2api.core;

import java.util.Objects;

/**
 * An error the gateway reports to its client. The message is safe to show: it never contains a token,
 * a key or an internal stack trace.
 */
public class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String param;
  private final long retryAfterSeconds;

  public GatewayException(ErrorKind kind, String safeMessage) {
    this(kind, safeMessage, null, -1, null);
  }

  /**
   * @param kind what went wrong
   * @param safeMessage a message safe to show the client
   * @param param the request field at fault, or null
   * @param retryAfterSeconds seconds the client should wait before retrying, or -1
   * @param cause the underlying exception, never shown
   */
  public GatewayException(ErrorKind kind, String safeMessage, String param, long retryAfterSeconds, Throwable cause) {
    super(safeMessage, cause, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.param = param;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static GatewayException invalid(String message, String param) {
    return new GatewayException(ErrorKind.INVALID_REQUEST, message, param, -1, null);
  }

  /** A Retry-After value for an instant: the whole seconds from {@code now} until {@code at}, at least 1. */
  public static long secondsUntil(java.time.Instant now, java.time.Instant at) {
    return Math.max(1, (java.time.Duration.between(now, at).toMillis() + 999) / 1000);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The request field at fault, or null. */
  public String param() {
    return param;
  }

  /** Seconds to wait before retrying, or -1 when not applicable. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The message safe to show a client. */
  public String safeMessage() {
    return getMessage();
  }
}

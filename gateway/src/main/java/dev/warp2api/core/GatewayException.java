package dev.warp2api.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An error the gateway reports to its client. The message is safe to show: it never contains a
 * token, a key or an internal stack trace.
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
   * For subclasses; everyone else uses the named factories below, which leave out what does not
   * apply.
   *
   * @param kind what went wrong
   * @param safeMessage a message safe to show the client
   * @param param the request field at fault, or null
   * @param retryAfterSeconds seconds the client should wait before retrying, or -1
   * @param cause the underlying exception, never shown
   */
  protected GatewayException(
      ErrorKind kind, String safeMessage, String param, long retryAfterSeconds, Throwable cause) {
    super(safeMessage, cause, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.param = param;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** An error of {@code kind} with nothing more to say than its message. */
  public static GatewayException of(ErrorKind kind, String safeMessage) {
    return new GatewayException(kind, safeMessage, null, -1, null);
  }

  /** The error a failed {@link Ending} reports: its kind, its one wording, its Retry-After. */
  public static GatewayException of(Ending.Failure failure) {
    return new GatewayException(
        failure.kind(), failure.message(), null, failure.retryAfterSeconds(), null);
  }

  /** An error of {@code kind} that names the request field (or path parameter) at fault. */
  public static GatewayException about(ErrorKind kind, String safeMessage, String param) {
    return new GatewayException(kind, safeMessage, param, -1, null);
  }

  /** A malformed request ({@link ErrorKind#INVALID_REQUEST}) naming the field at fault. */
  public static GatewayException invalid(String message, String param) {
    return about(ErrorKind.INVALID_REQUEST, message, param);
  }

  /** An error the client may retry after {@code seconds} (a 429 or 503 sends it as Retry-After). */
  public static GatewayException retryAfter(ErrorKind kind, String safeMessage, long seconds) {
    return new GatewayException(kind, safeMessage, null, seconds, null);
  }

  /** A bug of ours ({@link ErrorKind#INTERNAL}): {@code cause} is kept for the log, never shown. */
  public static GatewayException internal(String safeMessage, Throwable cause) {
    return new GatewayException(ErrorKind.INTERNAL, safeMessage, null, -1, cause);
  }

  /**
   * A Retry-After value for an instant: the whole seconds from {@code now} until {@code at}, at
   * least 1.
   */
  public static long secondsUntil(Instant now, Instant at) {
    return Math.max(1, (Duration.between(now, at).toMillis() + 999) / 1000);
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

package dev.warp2api.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator answers with instead of a normal reply, modelled on mockwebserver's
 * {@code SocketPolicy}. Use the constants like enum values; {@link #overloaded(Duration)} and
 * {@link #disconnectAfter(int)} carry a parameter.
 *
 * @param kind what happens
 * @param afterEvents for {@link Kind#DISCONNECT_AFTER}: how many SSE events are sent before the
 *     connection drops
 * @param retryAfter for {@link Kind#OVERLOADED_429}: the {@code Retry-After} header, or null for
 *     none
 */
public record SimFault(Kind kind, int afterEvents, Duration retryAfter) {
  /** What the fault does. */
  public enum Kind {
    /** 429 as for an account out of credits (modern header + body, or the legacy body). */
    QUOTA_429,
    /** 429 without {@code X-Warp-Error-Code}: server overload, not quota. */
    OVERLOADED_429,
    /** 401 {@code {"error":"Unauthorized: User not in context"}}. */
    AUTH_401,
    /** 400 with the invalid-request body. */
    BAD_REQUEST_400,
    /** 500 with an empty body. */
    SERVER_500_EMPTY,
    /** 200, some events, then the connection is reset without {@code finished}. */
    DISCONNECT_AFTER,
    /** The request is accepted and nothing is ever sent (no status line). */
    STALL,
    /**
     * The connection is closed before any response byte (HTTP/2: only this stream is reset,
     * RST_STREAM).
     */
    DISCONNECT_BEFORE_RESPONSE,
    /** 403 {@code {"error":"Forbidden"}} at the AI endpoint (the access token works elsewhere). */
    FORBIDDEN_403,
    /** 502 with an HTML error page ({@code text/html}), as an edge or proxy answers. */
    HTML_ERROR_PAGE,
    /**
     * 429 with an {@code X-Warp-Error-Code} the gateway does not know:
     * {@value SimFault#NEW_ERROR_CODE_VALUE}.
     */
    NEW_ERROR_CODE,
    /**
     * 426 with {@code X-Warp-Error-Code: }{@value SimFault#CLIENT_OUTDATED_CODE} and a "please
     * update" body.
     */
    CLIENT_OUTDATED,
    /**
     * HTTP/2: GOAWAY naming the stream before this one as the last processed, so this request (and
     * any later one on the connection) is refused unprocessed, while earlier streams finish; the
     * connection closes when they have. Nothing is recorded or charged. HTTP/1.1: the connection is
     * closed before any response byte.
     */
    GOAWAY
  }

  /** The error code of {@link Kind#NEW_ERROR_CODE}: one no Warp release has used. */
  public static final String NEW_ERROR_CODE_VALUE = "CREDITS_PAUSED_FOR_REVIEW";
  /** The error code of {@link Kind#CLIENT_OUTDATED}. */
  public static final String CLIENT_OUTDATED_CODE = "CLIENT_VERSION_UNSUPPORTED";

  public static final SimFault QUOTA_429 = new SimFault(Kind.QUOTA_429, 0, null);
  public static final SimFault OVERLOADED_429 = new SimFault(Kind.OVERLOADED_429, 0, null);
  public static final SimFault AUTH_401 = new SimFault(Kind.AUTH_401, 0, null);
  public static final SimFault BAD_REQUEST_400 = new SimFault(Kind.BAD_REQUEST_400, 0, null);
  public static final SimFault SERVER_500_EMPTY = new SimFault(Kind.SERVER_500_EMPTY, 0, null);
  public static final SimFault STALL = new SimFault(Kind.STALL, 0, null);
  public static final SimFault DISCONNECT_BEFORE_RESPONSE =
      new SimFault(Kind.DISCONNECT_BEFORE_RESPONSE, 0, null);
  public static final SimFault FORBIDDEN_403 = new SimFault(Kind.FORBIDDEN_403, 0, null);
  public static final SimFault HTML_ERROR_PAGE = new SimFault(Kind.HTML_ERROR_PAGE, 0, null);
  public static final SimFault NEW_ERROR_CODE = new SimFault(Kind.NEW_ERROR_CODE, 0, null);
  public static final SimFault CLIENT_OUTDATED = new SimFault(Kind.CLIENT_OUTDATED, 0, null);

  public SimFault {
    Objects.requireNonNull(kind, "kind");
    if (afterEvents < 0) {
      throw new IllegalArgumentException("afterEvents must be >= 0, got " + afterEvents);
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
    }
  }

  /** 429 without the error-code header, with {@code Retry-After: <seconds>}. */
  public static SimFault overloaded(Duration retryAfter) {
    return new SimFault(Kind.OVERLOADED_429, 0, Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /** See {@link Kind#GOAWAY}. */
  public static final SimFault GOAWAY = new SimFault(Kind.GOAWAY, 0, null);

  /**
   * 200, then {@code events} SSE events, then the connection drops (HTTP/2: the stream is reset).
   */
  public static SimFault disconnectAfter(int events) {
    return new SimFault(Kind.DISCONNECT_AFTER, events, null);
  }
}

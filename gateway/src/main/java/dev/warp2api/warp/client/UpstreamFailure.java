package dev.warp2api.warp.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Why a call to Warp failed, decided once. {@link #classify} is the only place in the codebase that
 * interprets an upstream status (429 in particular); {@link #fromThrowable} classifies transport errors.
 * Every variant offers {@link #safeDescription()}: what the upstream said, never a token.
 * Variants are immutable values, safe to share across threads.
 */
public sealed interface UpstreamFailure {

  /** Header Warp sets on a 429 when the account is out of credits (docs/PROTOCOL.md, 'Errors'). */
  String ERROR_CODE_HEADER = "X-Warp-Error-Code";

  /** What the upstream said, safe to log and to show a client: never contains a token. */
  String safeDescription();

  /** The account's quota is used up (429 + {@code OUT_OF_CREDITS}, or the legacy quota body). */
  record QuotaExhausted(String userDisplayMessage) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "quota exhausted: " + userDisplayMessage;
    }
  }

  /** 429 without the out-of-credits code: the server is overloaded. {@code retryAfter} may be null. */
  record Overloaded(Duration retryAfter) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "upstream overloaded (429)" + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s");
    }
  }

  /** 401 or 403: the bearer (or refresh token) was rejected. */
  record AuthRejected(int status) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "upstream rejected the credential (HTTP " + status + ")";
    }
  }

  /** 400 and any other 4xx: Warp refused the request itself; retrying the same bytes will not help. */
  record BadRequest(String message) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "upstream refused the request: " + message;
    }
  }

  /** 5xx, connect errors, timeouts: worth retrying. {@code timeout} tells a silent upstream apart. */
  record Transient(String description, boolean timeout) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return description;
    }
  }

  /**
   * Warp sent an event the gateway cannot read (larger than the event bound, or not a protocol message).
   * Any credential would get the same event for the same request, and each try spends quota.
   */
  record Unreadable(String description) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return description;
    }
  }

  /** The 200 stream broke after it had started; what was already relayed cannot be taken back. */
  record DroppedMidStream(String description) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "upstream stream dropped: " + description;
    }
  }

  /** {@link #classify(int, MultiMap, String, Clock)} with the system UTC clock. */
  static UpstreamFailure classify(int status, MultiMap headers, String body) {
    return classify(status, headers, body, Clock.systemUTC());
  }

  /**
   * Classifies a non-200 answer.
   *
   * @param status the HTTP status (not 200)
   * @param headers the response headers (may be null)
   * @param body the response body as text, possibly truncated by the caller (may be null or empty)
   * @param clock used to turn an HTTP-date {@code Retry-After} into a duration
   */
  static UpstreamFailure classify(int status, MultiMap headers, String body, Clock clock) {
    String text = body == null ? "" : body.strip();
    String errorCode = headers == null ? null : headers.get(ERROR_CODE_HEADER);
    if (status == 429) {
      if ("OUT_OF_CREDITS".equalsIgnoreCase(errorCode == null ? "" : errorCode.strip())) {
        return new QuotaExhausted(displayMessage(text, "out of credits"));
      }
      if (text.contains("No remaining quota") || text.contains("No AI requests remaining")) {
        return new QuotaExhausted(displayMessage(text, "no remaining quota"));
      }
      return new Overloaded(RetryAfter.parse(headers == null ? null : headers.get("Retry-After"), clock));
    }
    if (status == 401 || status == 403) {
      return new AuthRejected(status);
    }
    if (status >= 400 && status < 500) {
      return new BadRequest("HTTP " + status + (text.isEmpty() ? " (empty body)" : ": " + ErrorText.redact(text)));
    }
    return new Transient("upstream answered HTTP " + status
        + (text.isEmpty() ? " with an empty body" : ": " + ErrorText.redact(text)), false);
  }

  /**
   * Classifies a transport error.
   *
   * @param error what Vert.x reported
   * @param midStream whether a 200 body had already started
   */
  static UpstreamFailure fromThrowable(Throwable error, boolean midStream) {
    if (error instanceof UpstreamFailureException known) {
      return known.failure();
    }
    if (isTimeout(error)) {
      return new Transient(midStream ? "upstream went silent mid-stream (idle timeout)" : "upstream timed out", true);
    }
    String what = ErrorText.describe(error);
    return midStream ? new DroppedMidStream(what) : new Transient("cannot reach upstream: " + what, false);
  }

  private static boolean isTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  /** {@code userDisplayMessage} (or legacy {@code error}) from a JSON body, else the body, else a fallback. */
  private static String displayMessage(String body, String fallback) {
    if (body.isEmpty()) {
      return fallback;
    }
    try {
      JsonNode json = new ObjectMapper().readTree(body);
      for (String field : new String[] {"userDisplayMessage", "user_display_message", "error", "message"}) {
        JsonNode value = json == null ? null : json.get(field);
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
          return ErrorText.redact(value.asText());
        }
      }
    } catch (Exception notJson) {
      // fall through: a plain-text body is shown as is
    }
    return ErrorText.redact(body);
  }
}

package dev.warp2api.warp.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.warp.protocol.UpstreamDrift;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Why a call to Warp failed, decided once. {@link #classify} is the only place in the codebase that
 * interprets an upstream status (429 in particular); {@link #fromThrowable} classifies transport
 * errors. Every variant offers {@link #safeDescription()}: what the upstream said, never a token.
 * Variants are immutable values, safe to share across threads.
 */
public sealed interface UpstreamFailure {

  /** Header Warp sets on a 429 when the account is out of credits (docs/PROTOCOL.md, 'Errors'). */
  String ERROR_CODE_HEADER = "X-Warp-Error-Code";

  /**
   * The {@code X-Warp-Error-Code} values this version knows (docs/PROTOCOL.md):
   * {@code OUT_OF_CREDITS} (quota) and {@code AT_CLOUD_AGENT_CAPACITY} (cloud agents). Any other
   * value is counted as drift.
   */
  Set<String> KNOWN_ERROR_CODES = Set.of("OUT_OF_CREDITS", "AT_CLOUD_AGENT_CAPACITY");

  /** What the upstream said, safe to log and to show a client: never contains a token. */
  String safeDescription();

  /** The account's quota is used up (429 + {@code OUT_OF_CREDITS}, or the legacy quota body). */
  record QuotaExhausted(String userDisplayMessage) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "quota exhausted: " + userDisplayMessage;
    }
  }

  /**
   * 429 without the out-of-credits code: the server is overloaded. {@code retryAfter} may be null;
   * {@code unknownErrorCode} is an {@code X-Warp-Error-Code} this version does not know, or null.
   */
  record Overloaded(Duration retryAfter, String unknownErrorCode) implements UpstreamFailure {
    public Overloaded(Duration retryAfter) {
      this(retryAfter, null);
    }

    @Override
    public String safeDescription() {
      return "upstream overloaded (429)"
          + (unknownErrorCode == null
              ? ""
              : " [" + ERROR_CODE_HEADER + ": " + unknownErrorCode + "]")
          + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s");
    }
  }

  /** 401 or 403: the bearer (or refresh token) was rejected. */
  record AuthRejected(int status) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "upstream rejected the credential (HTTP " + status + ")";
    }
  }

  /**
   * 400 and any other 4xx: Warp refused the request itself; retrying the same bytes will not help.
   */
  record BadRequest(String message) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return "upstream refused the request: " + message;
    }
  }

  /**
   * 5xx, connect errors, timeouts: worth retrying. {@code timeout} tells a silent upstream apart.
   */
  record Transient(String description, boolean timeout) implements UpstreamFailure {
    @Override
    public String safeDescription() {
      return description;
    }
  }

  /**
   * Warp sent an event the gateway cannot read (larger than the event bound, or not a protocol
   * message). Any credential would get the same event for the same request, and each try spends
   * quota.
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
    String code = errorCode == null ? "" : errorCode.strip();
    boolean unknownCode =
        !code.isEmpty() && !KNOWN_ERROR_CODES.contains(code.toUpperCase(Locale.ROOT));
    if (unknownCode) {
      UpstreamDrift.global()
          .unknown(
              UpstreamDrift.Kind.ERROR_CODE, ERROR_CODE_HEADER + " (HTTP " + status + ")", code);
    }
    if (status == 429) {
      if ("OUT_OF_CREDITS".equalsIgnoreCase(code)) {
        return new QuotaExhausted(displayMessage(text, "out of credits"));
      }
      if (text.contains("No remaining quota") || text.contains("No AI requests remaining")) {
        UpstreamDrift.global()
            .deprecated(
                UpstreamDrift.Kind.ERROR_CODE,
                "HTTP 429 body",
                "No remaining quota without " + ERROR_CODE_HEADER + " (2025)");
        return new QuotaExhausted(displayMessage(text, "no remaining quota"));
      }
      return new Overloaded(
          RetryAfter.parse(headers == null ? null : headers.get("Retry-After"), clock),
          unknownCode ? ErrorText.redact(code) : null);
    }
    String coded =
        unknownCode ? " [" + ERROR_CODE_HEADER + ": " + ErrorText.redact(code) + "]" : "";
    if (status == 401 || status == 403) {
      return new AuthRejected(status);
    }
    if (status >= 400 && status < 500) {
      return new BadRequest(
          "HTTP " + status + coded + (text.isEmpty() ? " (empty body)" : ": " + bodyText(text)));
    }
    return new Transient(
        "upstream answered HTTP " + status + coded
            + (text.isEmpty() ? " with an empty body" : ": " + bodyText(text)),
        false);
  }

  /**
   * An error body as it may be shown: an HTML page by its title only, anything else redacted and
   * capped.
   */
  private static String bodyText(String text) {
    return ErrorText.isHtml(text) ? ErrorText.htmlPage(text) : ErrorText.redact(text);
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
      return new Transient(
          midStream ? "upstream went silent mid-stream (idle timeout)" : "upstream timed out",
          true);
    }
    StreamResetException reset = resetOf(error);
    if (reset != null) {
      // RST_STREAM is a drop of one stream: before the first content the pipeline fails over, after
      // it the
      // client gets its dialect's error event (what a cut connection gets).
      String what = "Warp reset the stream (RST_STREAM, code " + reset.getCode() + ")";
      return midStream
          ? new DroppedMidStream(what)
          : new Transient(what + " before answering", false);
    }
    if (error instanceof HttpClosedException closed
        && closed.getMessage() != null
        && closed.getMessage().contains("GOAWAY")) {
      // the message carries the code; goAway() copies debug data that may already be released
      String what = "Warp closed the connection (" + ErrorText.describe(error) + ")";
      return midStream ? new DroppedMidStream(what) : new Transient(what, false);
    }
    String what = ErrorText.describe(error);
    return midStream
        ? new DroppedMidStream(what)
        : new Transient("cannot reach upstream: " + what, false);
  }

  private static StreamResetException resetOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StreamResetException reset) {
        return reset;
      }
    }
    return null;
  }

  private static boolean isTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code userDisplayMessage} (or legacy {@code error}) from a JSON body, else the body, else a
   * fallback.
   */
  private static String displayMessage(String body, String fallback) {
    if (body.isEmpty()) {
      return fallback;
    }
    try {
      JsonNode json = new ObjectMapper().readTree(body);
      for (String field :
          new String[] {"userDisplayMessage", "user_display_message", "error", "message"}) {
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

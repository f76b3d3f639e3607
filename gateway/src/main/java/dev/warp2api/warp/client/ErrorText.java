package dev.warp2api.warp.client;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns upstream error text and exceptions into short descriptions that never carry a secret. */
final class ErrorText {
  /** Long enough for any error Warp sends; keeps a runaway HTML page out of logs. */
  static final int MAX_CHARS = 2_000;

  private static final Pattern SECRET = Pattern.compile(
      "(?i)(bearer\\s+|(?:access_token|refresh_token|id_token|token|key)[\"']?\\s*[=:]\\s*[\"']?)[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private ErrorText() {}

  /** Masks anything that looks like a token or key and caps the length (marking the cut). */
  static String redact(String text) {
    if (text == null) {
      return "";
    }
    String masked = JWT.matcher(SECRET.matcher(text).replaceAll("$1██")).replaceAll("██");
    return masked.length() <= MAX_CHARS ? masked : masked.substring(0, MAX_CHARS) + "… (truncated)";
  }

  /**
   * Whether an error body is an HTML page (a proxy's, a portal's or an edge's error page), not
   * Warp's JSON.
   */
  static boolean isHtml(String text) {
    String head = text.stripLeading();
    head = head.substring(0, Math.min(head.length(), 64)).toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html")
        || head.startsWith("<html")
        || head.startsWith("<head")
        || head.startsWith("<body");
  }

  /**
   * An HTML error page in a few words: {@code an HTML page titled "502 Bad Gateway"} (the title
   * redacted and cut to 80 characters), or {@code an HTML page} when it has none. The page itself
   * is never repeated.
   */
  static String htmlPage(String text) {
    Matcher m = TITLE.matcher(text);
    if (!m.find()) {
      return "an HTML page (not Warp's JSON)";
    }
    String title = redact(m.group(1).replaceAll("\\s+", " ").strip());
    String shown = title.length() > 80 ? title.substring(0, 80) + "…" : title;
    return "an HTML page titled \"" + shown + "\" (not Warp's JSON)";
  }

  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

  /** A one-line description of a transport exception: its type and redacted message. */
  static String describe(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + redact(message);
  }
}

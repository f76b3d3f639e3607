package dev.warp2api.warp.client;

import java.util.regex.Pattern;

/** Turns upstream error text and exceptions into short descriptions that never carry a secret. */
final class ErrorText {
  /** Long enough for any error Warp sends; keeps a runaway HTML page out of logs. */
  static final int MAX_CHARS = 2_000;

  private static final Pattern SECRET = Pattern.compile(
      "(?i)(bearer\\s+|(?:access_token|refresh_token|id_token|token|key)[\"']?\\s*[=:]\\s*[\"']?)[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private ErrorText() {}

  /** Masks anything that looks like a token or key and caps the length (marking the cut). */
  static String redact(String text) {
    if (text == null) {
      return "";
    }
    String masked = JWT.matcher(SECRET.matcher(text).replaceAll("$1██")).replaceAll("██");
    return masked.length() <= MAX_CHARS ? masked : masked.substring(0, MAX_CHARS) + "… (truncated)";
  }

  /** A one-line description of a transport exception: its type and redacted message. */
  static String describe(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + redact(message);
  }
}

package dev.warp2api.server.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's session cookie: {@code HttpOnly} (the page's script never reads it),
 * {@code SameSite=Strict} (no other site's page makes the browser send it), {@code Path=/} (the
 * admin routes the page calls need it too), and {@code Max-Age} plus {@code Expires} at the
 * session's end. Its value is the random session id, never a key. {@code Secure} is added when the
 * request arrived over TLS (here or at a proxy in front).
 */
public final class SessionCookie {
  public static final String NAME = "w2a_session";

  private static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private SessionCookie() {}

  /** The {@code Set-Cookie} value that holds {@code session} until it ends. */
  public static String set(Session session, Instant now, boolean secure) {
    long maxAge = Math.max(0, Duration.between(now, session.expiresAt()).toSeconds());
    return NAME + "=" + session.id() + "; Max-Age=" + maxAge + "; Expires="
        + EXPIRES.format(session.expiresAt()) + attributes(secure);
  }

  /** The {@code Set-Cookie} value that makes the browser drop the cookie (logout). */
  public static String clear(boolean secure) {
    return NAME + "=; Max-Age=0; Expires=" + EXPIRES.format(Instant.EPOCH) + attributes(secure);
  }

  /**
   * The values of every cookie of this name in a {@code Cookie} request header, in order; empty
   * when there is none.
   */
  public static List<String> values(String cookieHeader) {
    List<String> values = new ArrayList<>(1);
    if (cookieHeader == null) {
      return values;
    }
    for (String pair : cookieHeader.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equals(NAME)) {
        String value = pair.substring(eq + 1).trim();
        if (!value.isEmpty()) {
          values.add(value);
        }
      }
    }
    return values;
  }

  private static String attributes(boolean secure) {
    return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}

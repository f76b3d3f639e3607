package dev.warp2api.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The session cookie's attributes and how it is read back. */
class SessionCookieTest {
  private final Instant now = Instant.parse("2026-12-06T10:00:00Z");
  private final Session session =
      new Session("abcDEF123_-", "csrf-token", now.plus(Duration.ofHours(8)));

  @Test
  void theCookieIsHttpOnlyStrictSiteWideAndExpiresWithTheSession() {
    assertThat(SessionCookie.set(session, now, false))
        .isEqualTo("w2a_session=abcDEF123_-; Max-Age=28800; Expires=Sun, 6 Dec 2026 18:00:00 GMT;"
            + " Path=/; HttpOnly; SameSite=Strict");
    assertThat(SessionCookie.set(session, now, true)).endsWith("; Secure");
  }

  @Test
  void clearingTheCookieExpiresItAtOnce() {
    assertThat(SessionCookie.clear(false))
        .startsWith("w2a_session=; Max-Age=0; Expires=Thu, 1 Jan 1970 00:00:00 GMT")
        .contains("HttpOnly")
        .contains("SameSite=Strict");
  }

  @Test
  void onlyNonEmptyValuesOfItsOwnNameAreRead() {
    assertThat(SessionCookie.values(null)).isEmpty();
    assertThat(SessionCookie.values("other=1; w2a_session=; xw2a_session=2; w2a_session = abc ;"))
        .containsExactly("abc");
  }
}

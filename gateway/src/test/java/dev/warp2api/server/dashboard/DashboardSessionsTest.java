package dev.warp2api.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dashboard logins on a fake clock: random ids, a fixed lifetime, a bounded number. */
class DashboardSessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final DashboardSessions sessions = new DashboardSessions(clock);

  @Test
  void aSessionLastsItsLifetimeOnTheClockAndIsForgottenAfter() {
    Session s = sessions.open();
    assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(DashboardSessions.LIFETIME));

    clock.advance(DashboardSessions.LIFETIME.minusSeconds(1));
    assertThat(sessions.find(s.id())).contains(s);
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.find(s.id())).isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void idsAndCsrfTokensAreRandomLongAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Session s = sessions.open();
      assertThat(s.id()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(s.csrfToken()).hasSize(43).isNotEqualTo(s.id());
      assertThat(seen.add(s.id())).isTrue();
      assertThat(seen.add(s.csrfToken())).isTrue();
    }
    assertThat(sessions.open().toString()).doesNotContain("id=").doesNotContain("csrf");
  }

  @Test
  void unknownClosedAndEmptyIdsFindNothing() {
    Session s = sessions.open();
    assertThat(sessions.find("not-a-session")).isEmpty();
    assertThat(sessions.find("")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
    sessions.close(s.id());
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void aFloodOfLoginsKeepsOnlyTheNewestWithinTheBound() {
    DashboardSessions bounded = new DashboardSessions(clock, new SecureRandom(), 3);
    Session first = bounded.open();
    clock.advance(Duration.ofSeconds(1));
    Session second = bounded.open();
    clock.advance(Duration.ofSeconds(1));
    bounded.open();
    clock.advance(Duration.ofSeconds(1));
    Session fourth = bounded.open();

    assertThat(bounded.size()).isEqualTo(3);
    assertThat(bounded.find(first.id())).isEmpty();
    assertThat(bounded.find(second.id())).isPresent();
    assertThat(bounded.find(fourth.id())).isPresent();
  }
}

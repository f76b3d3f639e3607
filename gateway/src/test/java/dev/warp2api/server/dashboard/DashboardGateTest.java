package dev.warp2api.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.sim.MutableClock;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a session cookie and a CSRF header admit, judged without a server. */
class DashboardGateTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final DashboardSessions sessions = new DashboardSessions(clock);
  private final DashboardGate gate = new DashboardGate(sessions);
  private final Session session = sessions.open();
  private final String cookie = "theme=dark; " + SessionCookie.NAME + "=" + session.id();

  @Test
  void aLiveSessionAdmitsReadsWithoutTheCsrfToken() {
    assertThat(gate.admit(HttpMethod.GET, cookie, null))
        .isEqualTo(new DashboardGate.Admission.Admitted(session));
  }

  @Test
  void aWriteNeedsTheSessionsCsrfToken() {
    for (String wrong : new String[] {null, "", "nope", sessions.open().csrfToken()}) {
      assertThat(gate.admit(HttpMethod.POST, cookie, wrong))
          .as("CSRF header %s", wrong == null ? "absent" : "wrong")
          .isInstanceOf(DashboardGate.Admission.Refused.class);
    }
    assertThat(gate.admit(HttpMethod.DELETE, cookie, null))
        .isInstanceOf(DashboardGate.Admission.Refused.class);
    assertThat(gate.admit(HttpMethod.POST, cookie, session.csrfToken()))
        .isEqualTo(new DashboardGate.Admission.Admitted(session));
    assertThat(gate.admit(HttpMethod.PATCH, cookie, session.csrfToken()))
        .isEqualTo(new DashboardGate.Admission.Admitted(session));
  }

  @Test
  void noExpiredOrUnknownSessionAdmitsAnything() {
    assertThat(gate.admit(HttpMethod.GET, null, null))
        .isInstanceOf(DashboardGate.Admission.NoSession.class);
    assertThat(gate.admit(HttpMethod.POST, SessionCookie.NAME + "=forged", "x"))
        .isInstanceOf(DashboardGate.Admission.NoSession.class);
    clock.advance(DashboardSessions.LIFETIME.plus(Duration.ofSeconds(1)));
    assertThat(gate.admit(HttpMethod.GET, cookie, session.csrfToken()))
        .isInstanceOf(DashboardGate.Admission.NoSession.class);
  }

  @Test
  void aLiveSessionIsFoundAmongSeveralCookiesOfTheName() {
    assertThat(
            gate.session(SessionCookie.NAME + "=stale; " + SessionCookie.NAME + "=" + session.id()))
        .contains(session);
  }

  @Test
  void aBrowsersCrossSiteWriteIsRefusedButItsReadsAndOtherWritesAreNot() {
    assertThatThrownBy(() -> DashboardGate.refuseCrossSiteWrite(HttpMethod.POST, "cross-site"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
    DashboardGate.refuseCrossSiteWrite(HttpMethod.GET, "cross-site");
    DashboardGate.refuseCrossSiteWrite(HttpMethod.POST, "same-origin");
    DashboardGate.refuseCrossSiteWrite(HttpMethod.POST, null);
  }
}

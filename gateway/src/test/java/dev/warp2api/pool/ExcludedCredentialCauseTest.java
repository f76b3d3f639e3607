package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A credential that failed the current request is in the caller's exclude set; when it is not
 * usable anyway (exhausted, cooling) it still decides why nothing can be leased, so the client
 * hears "quota" or "rate limited" with a retry time, not "auth failed".
 */
class ExcludedCredentialCauseTest extends PoolTestSupport {
  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void exhaustedCredentialThatFailedThisRequestIsReportedAsQuotaWithItsReset() {
    CredentialPool p = pool("personal-1");
    Lease l = lease(p);
    CredentialId id = l.credential().id();
    l.quotaExhausted(reset);

    assertThat(p.acquire(Set.of(id)))
        .isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.QUOTA, reset));
  }

  @Test
  void coolingCredentialThatFailedThisRequestIsReportedAsCooling() {
    CredentialPool p = pool("personal-1");
    Lease l = lease(p);
    CredentialId id = l.credential().id();
    l.overloaded(Duration.ofSeconds(30));

    Acquisition a = p.acquire(Set.of(id));
    assertThat(a).isInstanceOf(Acquisition.Unavailable.class);
    assertThat(((Acquisition.Unavailable) a).cause()).isEqualTo(Acquisition.Cause.COOLING);
  }

  @Test
  void usableCredentialThatSucceededIsReportedAsExcludedWithoutRetryTime() {
    CredentialPool p = pool("personal-1");
    Lease l = lease(p);
    CredentialId id = l.credential().id();
    l.succeeded();

    assertThat(p.acquire(Set.of(id)))
        .isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.EXCLUDED, null));
  }

  @Test
  void usableCredentialThatFailedThisRequestIsStillReportedAsExcluded() {
    CredentialPool p = pool("personal-1");
    Lease l = lease(p);
    CredentialId id = l.credential().id();
    l.transientFailure();

    assertThat(((Acquisition.Unavailable) p.acquire(Set.of(id))).cause())
        .isEqualTo(Acquisition.Cause.EXCLUDED);
  }
}

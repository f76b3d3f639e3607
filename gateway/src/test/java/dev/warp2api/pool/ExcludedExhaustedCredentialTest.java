package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A failover excludes the credential that just hit its quota; the pool must still say "quota", not "auth". */
class ExcludedExhaustedCredentialTest extends PoolTestSupport {
  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void anExcludedExhaustedCredentialStillGivesTheQuotaCauseAndItsReset() {
    CredentialPool p = pool("personal-1");
    Lease l = lease(p);
    CredentialId id = l.credential().id();
    l.quotaExhausted(reset);

    Acquisition a = p.acquire(Set.of(id));

    assertThat(a).isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.QUOTA, reset));
  }

  @Test
  void anExcludedUsableCredentialIsStillReportedAsExcluded() {
    CredentialPool p = pool("personal-1");
    Lease l = lease(p);
    CredentialId id = l.credential().id();
    l.succeeded();

    assertThat(p.acquire(Set.of(id))).isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.EXCLUDED, null));
  }
}

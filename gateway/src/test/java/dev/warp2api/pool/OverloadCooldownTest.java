package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OverloadCooldownTest extends PoolTestSupport {
  final PoolPolicy policy = new PoolPolicy(
      Duration.ofSeconds(2),
      Duration.ofMinutes(10),
      Duration.ofHours(1),
      3,
      0,
      Duration.ofMinutes(5));

  @Test
  void waitsForRetryAfterBeforeReusingCredential() {
    CredentialPool p = pool(policy, "personal-1", "personal-2");
    Instant start = clock.instant();
    lease(p).overloaded(Duration.ofSeconds(30));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.COOLING);
    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(start.plusSeconds(30));
    assertThat(leaseName(p)).isEqualTo("personal-2");
    assertThat(leaseName(p)).isEqualTo("personal-2");

    clock.advance(Duration.ofSeconds(30));
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(leaseName(p)).isEqualTo("personal-1");
  }

  @Test
  void clampsRetryAfterToCooldownMinAndMax() {
    CredentialPool p = pool(policy, "personal-1", "personal-2");
    Instant start = clock.instant();
    lease(p).overloaded(Duration.ofMillis(10));
    lease(p).overloaded(Duration.ofDays(18));

    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(start.plusSeconds(2));
    assertThat(view(p, "personal-2").cooldownUntil()).isEqualTo(start.plus(Duration.ofMinutes(10)));
  }

  @Test
  void backsOffExponentiallyOnConsecutiveOverloadsWithoutRetryAfter() {
    CredentialPool p = pool(policy, "personal-1");
    for (long expected : new long[] {2, 4, 8, 16}) {
      Instant now = clock.instant();
      lease(p).overloaded(null);
      assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(now.plusSeconds(expected));
      clock.advance(Duration.ofSeconds(expected));
    }
    lease(p).succeeded();
    Instant now = clock.instant();
    lease(p).overloaded(null);
    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(now.plusSeconds(2));
  }

  @Test
  void reportsCoolingAndTheSoonestRecoveryWhenAllAreCooling() {
    CredentialPool p = pool(policy, "personal-1", "shared-1");
    Instant start = clock.instant();
    lease(p).overloaded(Duration.ofSeconds(40));
    lease(p).overloaded(Duration.ofSeconds(20));

    assertThat(unavailable(p))
        .isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.COOLING, start.plusSeconds(20)));
    assertThat(p.readiness().soonestRecovery()).isEqualTo(start.plusSeconds(20));
  }

  @Test
  void aLaterShorterOverloadNeverShortensACooldown() {
    CredentialPool p = pool(policy, "personal-1", "personal-2");
    Instant start = clock.instant();
    Lease first = lease(p);
    Lease second = lease(p);
    Lease third = lease(p); // personal-1 again: two leases out on it
    assertThat(third.credential().name()).isEqualTo("personal-1");

    first.overloaded(Duration.ofSeconds(60));
    third.overloaded(Duration.ofSeconds(5));
    second.succeeded();

    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(start.plusSeconds(60));
  }

  @Test
  void neverLeasesACoolingCredentialWhileOlderLeasesDrain() {
    CredentialPool p = pool(policy, "personal-1");
    Lease a = lease(p);
    Lease b = lease(p);
    a.overloaded(Duration.ofSeconds(10));

    p.checkInvariants();
    assertThat(unavailable(p).cause()).isEqualTo(Acquisition.Cause.COOLING);
    b.succeeded();
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.COOLING);
  }
}

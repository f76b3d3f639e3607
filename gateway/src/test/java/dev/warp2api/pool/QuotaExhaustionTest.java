package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaExhaustionTest extends PoolTestSupport {
  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void failsOverToNextCredentialOnQuotaExhausted() {
    CredentialPool p = pool("personal-1", "personal-2");
    lease(p).quotaExhausted(reset);

    for (int i = 0; i < 3; i++) {
      assertThat(leaseName(p)).isEqualTo("personal-2");
    }
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.EXHAUSTED);
    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(reset);
  }

  @Test
  void failsOverToNextTierWhenTheTierIsExhausted() {
    CredentialPool p = pool("personal-1", "shared-1");
    lease(p).quotaExhausted(reset);

    assertThat(leaseName(p)).isEqualTo("shared-1");
  }

  @Test
  void neverHandsOutAnExhaustedCredentialBeforeItsResetAndProbesItOnceAfter() {
    CredentialPool p = pool("personal-1");
    lease(p).quotaExhausted(reset);

    clock.set(reset.minusSeconds(1));
    assertThat(unavailable(p))
        .isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.QUOTA, reset));

    clock.set(reset);
    Lease probe = lease(p);
    assertThat(probe.isProbe()).isTrue();
    assertThat(unavailable(p).cause()).isEqualTo(Acquisition.Cause.BUSY);

    probe.succeeded();
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    Lease next = lease(p);
    assertThat(next.isProbe()).isFalse();
    next.succeeded();
  }

  @Test
  void aProbeThatHitsQuotaAgainRestsUntilTheNewReset() {
    CredentialPool p = pool("personal-1");
    lease(p).quotaExhausted(reset);
    clock.set(reset);
    Instant nextReset = reset.plus(Duration.ofDays(30));

    lease(p).quotaExhausted(nextReset);

    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(nextReset);
    assertThat(unavailable(p).soonestRecovery()).isEqualTo(nextReset);
  }

  @Test
  void usesQuotaCooldownWhenNoResetTimeIsKnown() {
    PoolPolicy policy = new PoolPolicy(
        Duration.ofSeconds(1),
        Duration.ofHours(1),
        Duration.ofMinutes(45),
        3,
        0,
        Duration.ofMinutes(5));
    CredentialPool p = pool(policy, "personal-1");
    lease(p).quotaExhausted(null);

    assertThat(view(p, "personal-1").cooldownUntil())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(45)));
    clock.advance(Duration.ofMinutes(45));
    assertThat(lease(p).isProbe()).isTrue();
  }

  @Test
  void doesNotCapAQuotaResetByCooldownMax() {
    CredentialPool p = pool("personal-1");
    Instant farReset = clock.instant().plus(Duration.ofDays(20));
    lease(p).quotaExhausted(farReset);

    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(farReset);
  }

  @Test
  void reportsQuotaAndTheSoonestResetWhenAllAreExhausted() {
    CredentialPool p = pool("personal-1", "shared-1", "anonymous-1");
    lease(p).quotaExhausted(reset.plus(Duration.ofDays(2)));
    lease(p).quotaExhausted(reset);
    lease(p).quotaExhausted(reset.plus(Duration.ofDays(1)));

    assertThat(unavailable(p))
        .isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.QUOTA, reset));
    Readiness r = p.readiness();
    assertThat(r.available()).isZero();
    assertThat(r.cause()).isEqualTo(Acquisition.Cause.QUOTA);
    assertThat(r.soonestRecovery()).isEqualTo(reset);
  }
}

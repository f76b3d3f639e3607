package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotaSnapshotTest extends PoolTestSupport {
  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");

  CredentialId id(CredentialPool p, String name) {
    CredentialView v = view(p, name);
    return new CredentialId(v.name(), v.fingerprint());
  }

  QuotaSnapshot quota(long limit, long used) {
    return new QuotaSnapshot(limit, used, false, reset, clock.instant());
  }

  @Test
  void skipsACredentialKnownAtZeroWithoutSpendingACallOnIt() {
    CredentialPool p = pool("personal-1", "personal-2");
    p.updateQuota(id(p, "personal-1"), quota(150, 150));

    for (int i = 0; i < 4; i++) {
      assertThat(leaseName(p)).isEqualTo("personal-2");
    }
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.EXHAUSTED);
    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(reset);
    assertThat(view(p, "personal-1").requests()).isZero();
  }

  @Test
  void handsOutACredentialKnownAtZeroOnlyWhenNoOtherTierCanServe() {
    CredentialPool p = pool("personal-1", "personal-2", "shared-1");
    p.updateQuota(id(p, "personal-1"), new QuotaSnapshot(150, 150, false, null, clock.instant()));
    clock.advance(Duration.ofHours(1));
    Lease probe = lease(p);
    assertThat(probe.credential().name()).isEqualTo("personal-1");
    assertThat(probe.isProbe()).isTrue();
    probe.succeeded(); // available again, but its last reading still says zero

    assertThat(leaseName(p)).isEqualTo("personal-2");
    assertThat(leaseName(p)).isEqualTo("personal-2");
    Lease other = granted(p.acquire(Set.of(id(p, "personal-2"))));
    assertThat(other.credential().name()).isEqualTo("shared-1");
    Lease lastResort = granted(p.acquire(Set.of(id(p, "personal-2"), id(p, "shared-1"))));
    assertThat(lastResort.credential().name()).isEqualTo("personal-1");
    other.succeeded();
    lastResort.succeeded();
  }

  @Test
  void returnsAnExhaustedCredentialWhenAReadingAfterItsResetShowsCredits() {
    CredentialPool p = pool("personal-1");
    p.updateQuota(id(p, "personal-1"), quota(150, 150));
    clock.set(reset.plusSeconds(5));

    p.updateQuota(
        id(p, "personal-1"),
        new QuotaSnapshot(150, 0, false, reset.plus(Duration.ofDays(30)), clock.instant()));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(lease(p).isProbe()).isFalse();
  }

  @Test
  void keepsAnExhaustedCredentialRestingWhenAReadingBeforeTheResetShowsCredits() {
    CredentialPool p = pool("personal-1");
    lease(p).quotaExhausted(reset);

    p.updateQuota(id(p, "personal-1"), quota(150, 10));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.EXHAUSTED);
  }

  @Test
  void usesQuotaCooldownWhenAnEmptyReadingHasNoResetTime() {
    CredentialPool p = pool("personal-1");
    p.updateQuota(id(p, "personal-1"), new QuotaSnapshot(150, 150, false, null, clock.instant()));

    assertThat(view(p, "personal-1").cooldownUntil())
        .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void treatsUnlimitedPlansAsAlwaysHavingCredits() {
    CredentialPool p = pool("personal-1");
    p.updateQuota(id(p, "personal-1"), new QuotaSnapshot(0, 999, true, reset, clock.instant()));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(leaseName(p)).isEqualTo("personal-1");
  }

  @Test
  void saysAQuotaReadIsDueNoMoreOftenThanThePollInterval() {
    CredentialPool p = pool("personal-1");
    CredentialId id = id(p, "personal-1");
    assertThat(p.quotaReadDue(id, clock.instant())).isTrue();

    p.updateQuota(id, quota(150, 10));
    assertThat(p.quotaReadDue(id, clock.instant().plus(Duration.ofMinutes(4)))).isFalse();
    assertThat(p.quotaReadDue(id, clock.instant().plus(Duration.ofMinutes(5)))).isTrue();
  }

  @Test
  void ignoresAReadingForACredentialNoLongerInThePool() {
    CredentialPool p = pool("personal-1");
    CredentialId gone = new CredentialId("personal-9", "00000000");

    p.updateQuota(gone, quota(150, 150));
    assertThat(p.quotaReadDue(gone, clock.instant())).isFalse();
    assertThat(leaseName(p)).isEqualTo("personal-1");
  }
}

package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TierPriorityAndRoundRobinTest extends PoolTestSupport {

  @Test
  void servesFromTheFirstTierOfTheOrderWhileItHasAvailableCredentials() {
    CredentialPool p = pool("anonymous-1", "shared-1", "personal-1");

    for (int i = 0; i < 5; i++) {
      assertThat(leaseName(p)).isEqualTo("personal-1");
    }
  }

  @Test
  void followsAConfiguredOrderThatSpendsFreeQuotaFirst() {
    CredentialPool p = pool(
        PoolPolicy.defaults(),
        StateStore.NONE,
        List.of(Tier.ANONYMOUS, Tier.SHARED, Tier.PERSONAL),
        "personal-1",
        "shared-1",
        "anonymous-1");

    assertThat(leaseName(p)).isEqualTo("anonymous-1");
  }

  @Test
  void rotatesRoundRobinInsideATier() {
    CredentialPool p = pool("personal-1", "personal-2", "personal-3", "shared-1");

    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      names.add(leaseName(p));
    }
    assertThat(names)
        .containsExactly(
            "personal-1", "personal-2", "personal-3", "personal-1", "personal-2", "personal-3");
  }

  @Test
  void spreadsConcurrentLeasesOverTheCredentialsOfATier() {
    CredentialPool p = pool("personal-1", "personal-2");

    Lease a = lease(p);
    Lease b = lease(p);
    assertThat(a.credential().name()).isNotEqualTo(b.credential().name());
    a.succeeded();
    b.succeeded();
  }

  @Test
  void fallsToTheNextTierWhenTheCallerExcludedEveryCredentialAbove() {
    CredentialPool p = pool("personal-1", "personal-2", "shared-1");
    var ids = p.snapshot().stream()
        .filter(v -> v.tier() == Tier.PERSONAL)
        .map(v -> new CredentialId(v.name(), v.fingerprint()))
        .toList();

    Lease l = granted(p.acquire(Set.copyOf(ids)));
    assertThat(l.credential().name()).isEqualTo("shared-1");
    l.succeeded();
  }

  @Test
  void reportsExcludedWhenEveryUsableCredentialWasExcluded() {
    CredentialPool p = pool("personal-1");
    Lease l = lease(p);
    l.transientFailure();

    Acquisition a = p.acquire(Set.of(l.credential().id()));
    assertThat(a).isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.EXCLUDED, null));
  }

  @Test
  void countsRequestsAndLastUseOfEveryLease() {
    CredentialPool p = pool("personal-1");
    leaseName(p);
    clock.advance(Duration.ofMinutes(3));
    leaseName(p);

    CredentialView v = view(p, "personal-1");
    assertThat(v.requests()).isEqualTo(2);
    assertThat(v.lastUsed()).isEqualTo(clock.instant());
    assertThat(v.inFlight()).isZero();
  }
}

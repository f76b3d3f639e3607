package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class PoolInitialisationTest extends PoolTestSupport {

  @Test
  void buildsOneAvailableCredentialPerSpecWithNameTierAndFingerprint() {
    CredentialPool p = pool("personal-1", "personal-2", "shared-1", "anonymous-1");

    assertThat(p.snapshot())
        .extracting(CredentialView::name)
        .containsExactly("personal-1", "personal-2", "shared-1", "anonymous-1");
    assertThat(p.snapshot())
        .extracting(CredentialView::tier)
        .containsExactly(Tier.PERSONAL, Tier.PERSONAL, Tier.SHARED, Tier.ANONYMOUS);
    assertThat(p.snapshot()).allSatisfy(v -> {
      assertThat(v.state()).isEqualTo(CredentialState.AVAILABLE);
      assertThat(v.quota()).isNull();
      assertThat(v.requests()).isZero();
    });
    assertThat(view(p, "shared-1").fingerprint())
        .isEqualTo(Fingerprint.of(token("shared-1")))
        .hasSize(8)
        .matches("[0-9a-f]{8}");
  }

  @Test
  void fingerprintIsFirstEightHexDigitsOfSha256() {
    // sha256("abc") = ba7816bf8f01cfea...
    assertThat(Fingerprint.of("abc")).isEqualTo("ba7816bf");
  }

  @Test
  void keepsATokenConfiguredTwiceOnlyOnceUnderItsFirstName() {
    var specs = List.of(
        spec("personal-1", "same-token"),
        spec("shared-1", "same-token"),
        spec("shared-2", "other"));
    CredentialPool p =
        new CredentialPool(specs, DEFAULT_ORDER, PoolPolicy.defaults(), clock, StateStore.NONE);

    assertThat(p.snapshot())
        .extracting(CredentialView::name)
        .containsExactly("personal-1", "shared-2");
  }

  @Test
  void triesTiersMissingFromTheOrderLast() {
    CredentialPool p = pool(
        PoolPolicy.defaults(), StateStore.NONE, List.of(Tier.SHARED), "personal-1", "shared-1");

    assertThat(p.snapshot())
        .extracting(CredentialView::name)
        .containsExactly("shared-1", "personal-1");
    assertThat(leaseName(p)).isEqualTo("shared-1");
  }

  @Test
  void answersNoneConfiguredWhenThePoolIsEmpty() {
    CredentialPool p = pool();

    assertThat(p.acquire(Set.of()))
        .isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.NONE_CONFIGURED, null));
    assertThat(p.readiness().ready()).isFalse();
    assertThat(p.readiness().cause()).isEqualTo(Acquisition.Cause.NONE_CONFIGURED);
  }

  @Test
  void exposesKindSoAReadyAccessTokenIsNotRefreshed() {
    var jwt = new CredentialSpec(
        "jwt-1", Tier.PERSONAL, CredentialSpec.Kind.ACCESS_TOKEN, "eyJhbGciOi.payload.sig");
    CredentialPool p = new CredentialPool(
        List.of(jwt), DEFAULT_ORDER, PoolPolicy.defaults(), clock, StateStore.NONE);

    Lease l = lease(p);
    assertThat(l.credential().kind()).isEqualTo(CredentialSpec.Kind.ACCESS_TOKEN);
    assertThat(l.secret()).isEqualTo("eyJhbGciOi.payload.sig");
    l.released();
  }

  @Test
  void rejectsInvalidPolicyNamingTheField() {
    Assertions.assertThatThrownBy(() -> new PoolPolicy(
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            3,
            0,
            Duration.ofMinutes(5)))
        .hasMessageContaining("cooldownMax");
    Assertions.assertThatThrownBy(() -> new PoolPolicy(
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            Duration.ofHours(1),
            0,
            0,
            Duration.ofMinutes(5)))
        .hasMessageContaining("authFailuresBeforeDisable");
  }
}

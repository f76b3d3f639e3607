package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.config.Tier;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminOperationsTest extends PoolTestSupport {

  @Test
  void addsACredentialNamedWithTheNextOrdinalOfItsTier() {
    CredentialPool p = pool("personal-1", "shared-1", "shared-2");

    CredentialView v = p.add(Tier.SHARED, "  new-shared-token  ");

    assertThat(v.name()).isEqualTo("shared-3");
    assertThat(v.fingerprint()).isEqualTo(Fingerprint.of("new-shared-token"));
    assertThat(p.add(Tier.ANONYMOUS, "anon").name()).isEqualTo("anonymous-1");
    assertThat(p.snapshot()).hasSize(5);
  }

  @Test
  void rejectsABlankOrDuplicateTokenNamingTheField() {
    CredentialPool p = pool("personal-1");

    assertThatThrownBy(() -> p.add(Tier.PERSONAL, " "))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.param()).isEqualTo("refresh_token");
        });
    assertThatThrownBy(() -> p.add(Tier.SHARED, token("personal-1")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.getMessage()).contains("personal-1").doesNotContain(token("personal-1"));
        });
  }

  @Test
  void removesByNameAndLetsLeasesOutCompleteHarmlessly() {
    CredentialPool p = pool("personal-1", "personal-2");
    Lease out = lease(p);

    assertThat(p.remove("personal-1").name()).isEqualTo("personal-1");
    out.overloaded(Duration.ofMinutes(1));

    assertThat(p.snapshot()).extracting(CredentialView::name).containsExactly("personal-2");
    assertThat(leaseName(p)).isEqualTo("personal-2");
  }

  @Test
  void disablesByHandUntilRecovered() {
    CredentialPool p = pool("personal-1", "personal-2");

    assertThat(p.disable("personal-1").state()).isEqualTo(CredentialState.DISABLED);
    assertThat(leaseName(p)).isEqualTo("personal-2");
    assertThat(leaseName(p)).isEqualTo("personal-2");

    p.recover();
    assertThat(leaseName(p)).isEqualTo("personal-1");
  }

  @Test
  void aQuotaFailureDoesNotOverrideADisabledCredential() {
    CredentialPool p = pool("personal-1");
    Lease out = lease(p);
    p.disable("personal-1");
    out.quotaExhausted(clock.instant().plusSeconds(60));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.DISABLED);
  }

  @Test
  void recoverMakesAnExhaustedCredentialDueForItsProbeNow() {
    CredentialPool p = pool("personal-1");
    lease(p).quotaExhausted(clock.instant().plus(Duration.ofDays(3)));

    p.recover();

    Lease probe = lease(p);
    assertThat(probe.isProbe()).isTrue();
    probe.succeeded();
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
  }

  @Test
  void unknownNamesAreNotFound() {
    CredentialPool p = pool("personal-1");

    assertThatThrownBy(() -> p.disable("personal-7"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("personal-7");
    assertThatThrownBy(() -> p.remove("nope")).isInstanceOf(GatewayException.class);
  }
}

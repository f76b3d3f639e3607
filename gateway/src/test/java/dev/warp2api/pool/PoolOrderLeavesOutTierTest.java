package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.config.Tier;
import dev.warp2api.core.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md: "A tier left out of `WARP_POOL_ORDER` is not used". */
class PoolOrderLeavesOutTierTest extends PoolTestSupport {

  private CredentialPool personalOnly() {
    return pool(
        PoolPolicy.defaults(), StateStore.NONE, List.of(Tier.PERSONAL), "personal-1", "shared-1");
  }

  @Test
  void aTierLeftOutOfThePoolOrderIsNeverUsed() {
    CredentialPool p = personalOnly();
    for (int i = 0; i < 3; i++) {
      assertThat(leaseName(p)).isEqualTo("personal-1");
    }
    p.disable("personal-1");

    assertThat(unavailable(p).cause()).isEqualTo(Acquisition.Cause.AUTH);
    assertThat(p.readiness().available()).isZero();
    assertThat(p.ids()).extracting(CredentialId::name).containsExactly("personal-1");
  }

  @Test
  void onlyLeftOutCredentialsMeansNoneConfigured() {
    CredentialPool p =
        pool(PoolPolicy.defaults(), StateStore.NONE, List.of(Tier.PERSONAL), "shared-1");

    assertThat(unavailable(p).cause()).isEqualTo(Acquisition.Cause.NONE_CONFIGURED);
    assertThat(p.readiness().available()).isZero();
  }

  @Test
  void aLeftOutCredentialIsShownDisabledAndCannotBeAdded() {
    CredentialPool p = personalOnly();

    assertThat(view(p, "shared-1").state()).isEqualTo(CredentialState.DISABLED);
    p.recover();
    assertThat(view(p, "shared-1").state()).isEqualTo(CredentialState.DISABLED);
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThatThrownBy(() -> p.add(Tier.SHARED, "another-shared-token"))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("WARP_POOL_ORDER");
  }
}

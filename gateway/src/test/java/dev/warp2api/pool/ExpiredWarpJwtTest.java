package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code WARP_JWT} past its {@code exp} is never refreshed: auth_failed for good, not counted,
 * named in the 503.
 */
public class ExpiredWarpJwtTest extends PoolTestSupport {

  public static String jwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(
            ("{\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  private CredentialPool poolWith(String jwt, String... refreshNames) {
    List<CredentialSpec> specs = new ArrayList<>(specs(refreshNames));
    specs.add(new CredentialSpec("jwt-1", Tier.PERSONAL, CredentialSpec.Kind.ACCESS_TOKEN, jwt));
    CredentialPool p = new CredentialPool(
        specs, DEFAULT_ORDER, PoolPolicy.defaults(), clock, track(StateStore.NONE));
    return p;
  }

  @Test
  void anExpiredWarpJwtIsAuthFailedFromTheStartAndNotCounted() {
    CredentialPool p = poolWith(jwt(clock.instant().minus(Duration.ofDays(30))));

    assertThat(view(p, "jwt-1").state()).isEqualTo(CredentialState.AUTH_FAILED);
    assertThat(p.readiness().available()).isZero();
    assertThat(p.readiness().cause()).isEqualTo(Acquisition.Cause.JWT_EXPIRED);
    assertThat(unavailable(p).cause()).isEqualTo(Acquisition.Cause.JWT_EXPIRED);

    p.recover();
    assertThat(view(p, "jwt-1").state())
        .as("recover cannot revive it")
        .isEqualTo(CredentialState.AUTH_FAILED);
  }

  @Test
  void aWarpJwtThatExpiresWhileRunningBecomesAuthFailedAndOthersServe() {
    CredentialPool p = poolWith(jwt(clock.instant().plus(Duration.ofMinutes(10))), "shared-1");
    assertThat(view(p, "jwt-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(leaseName(p)).isEqualTo("jwt-1");

    clock.advance(Duration.ofMinutes(10));

    assertThat(view(p, "jwt-1").state()).isEqualTo(CredentialState.AUTH_FAILED);
    assertThat(p.readiness().available()).isEqualTo(1);
    assertThat(leaseName(p)).isEqualTo("shared-1");
  }
}

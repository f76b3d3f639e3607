package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.PoolSettings;
import dev.warp2api.config.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolFromSettingsTest extends PoolTestSupport {
  @TempDir
  Path tmp;

  PoolSettings settings() {
    return new PoolSettings(
        specs("personal-1", "anonymous-1"),
        List.of(Tier.ANONYMOUS, Tier.PERSONAL),
        new PoolSettings.Cooldowns(
            Duration.ofMinutes(30),
            Duration.ofMinutes(5),
            Duration.ofSeconds(3),
            Duration.ofMinutes(2),
            1),
        Duration.ofSeconds(5),
        2);
  }

  @Test
  void opensThePoolTheSettingsDescribeWithItsStateDirectory() {
    Path dir = tmp.resolve("data");
    CredentialPool p = CredentialPool.open(settings(), dir, clock, PoolEvents.NONE);

    assertThat(leaseName(p)).isEqualTo("anonymous-1");
    Lease l = lease(p);
    l.authRejected(); // W2A_AUTH_FAILURES=1
    assertThat(view(p, "anonymous-1").state()).isEqualTo(CredentialState.AUTH_FAILED);
    Lease cooled = lease(p);
    cooled.overloaded(Duration.ofHours(5)); // capped by W2A_COOLDOWN_MAX=2m
    assertThat(view(p, "personal-1").cooldownUntil())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
    p.checkInvariants();
    p.close();

    assertThat(Files.exists(dir.resolve("state.json"))).isTrue();
  }
}

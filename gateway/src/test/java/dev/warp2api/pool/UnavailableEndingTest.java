package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.Ending;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What an unavailable pool means for a client: one ending per cause, shown by chat routes and
 * /readyz.
 */
class UnavailableEndingTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void anExhaustedPoolSaysWhenTheSoonestCredentialResets() {
    Ending.Failure ending = Acquisition.Cause.QUOTA.ending(NOW.plusSeconds(90), NOW);
    assertThat(ending).isEqualTo(new Ending.QuotaExhausted(90));
  }

  @Test
  void aBusyPoolAsksTheClientToComeBackInASecond() {
    assertThat(Acquisition.Cause.BUSY.ending(null, NOW)).isEqualTo(new Ending.RateLimited(1));
  }

  @Test
  void aPoolWithoutCredentialsNamesTheSettings() {
    Ending.Failure ending = Acquisition.Cause.NONE_CONFIGURED.ending(null, NOW);
    assertThat(ending.kind()).isEqualTo(ErrorKind.NO_CREDENTIALS);
    assertThat(ending.retryAfterSeconds()).isEqualTo(-1);
    assertThat(ending.message()).contains("WARP_REFRESH_TOKEN", "POST /admin/pool/credentials");
  }

  @Test
  void quotaBeforeOutputAndAnExhaustedPoolShareOneWording() {
    assertThat(((Ending.Failure) Ending.of(FinishReason.QUOTA_LIMIT, false, false)).message())
        .isEqualTo(Acquisition.Cause.QUOTA.ending(null, NOW).message());
  }
}

package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.config.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI prints a running gateway's pool by reading {@code GET /admin/pool} back into views. */
class PoolJsonReadBackTest extends PoolTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void readsBackWhatTheAdminBodyWrote() {
    CredentialPool p = pool("personal-1", "shared-1");
    Lease l = lease(p);
    p.updateQuota(l.credential().id(), new QuotaSnapshot(150, 12, false, reset, clock.instant()));
    l.succeeded();
    lease(p).overloaded(Duration.ofSeconds(90));
    List<CredentialView> written = p.snapshot();

    List<CredentialView> read = PoolJson.parse(PoolJson.tree(written), clock.instant());

    assertThat(read).isEqualTo(written);
    assertThat(PoolTable.render(read, clock.instant()))
        .isEqualTo(PoolTable.render(written, clock.instant()));
  }

  @Test
  void readsAnUnlimitedQuotaAndLeavesAbsentFieldsEmpty() throws Exception {
    JsonNode body = JSON.readTree("""
        {"credentials":[{"name":"jwt-1","tier":"personal","state":"available",
         "quota":{"limit":0,"used":0,"resets_at":null,"unlimited":true}}]}""");

    CredentialView v = PoolJson.parse(body, clock.instant()).get(0);

    assertThat(v)
        .isEqualTo(new CredentialView(
            "jwt-1",
            Tier.PERSONAL,
            null,
            CredentialState.AVAILABLE,
            new QuotaSnapshot(0, 0, true, null, clock.instant()),
            0,
            null,
            null,
            0,
            0));
    assertThat(PoolTable.render(List.of(v), clock.instant()).split("\n")[1].split("\\s+"))
        .containsExactly(
            "jwt-1", "personal", "-", "available", "unlimited", "-", "0", "-", "-", "0");
  }

  @Test
  void namesTheFieldOfAnAnswerItCannotRead() throws Exception {
    assertThatThrownBy(() -> PoolJson.parse(JSON.readTree("{}"), clock.instant()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'credentials'");
    assertThatThrownBy(() -> PoolJson.parse(JSON.readTree("""
        {"credentials":[{"name":"x-1","tier":"gold","state":"available"}]}"""), clock.instant()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'credentials[0].tier' is 'gold'");
    assertThatThrownBy(() -> PoolJson.parse(JSON.readTree("""
        {"credentials":[{"name":"x-1","tier":"shared","state":"cooling","cooldown_until":"soon"}]}"""), clock.instant()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'credentials[0].cooldown_until'");
    assertThatThrownBy(() -> PoolJson.parse(JSON.readTree("""
        {"credentials":[{"tier":"shared","state":"cooling"}]}"""), clock.instant()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'credentials[0].name' is missing");
  }
}

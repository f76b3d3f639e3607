package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PoolViewsTest extends PoolTestSupport {
  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void rendersAdminPoolJsonExactlyAsTheContractShows() throws Exception {
    CredentialPool p = pool("personal-1", "shared-1");
    Lease l = lease(p);
    p.updateQuota(
        l.credential().id(),
        new QuotaSnapshot(150, 12, false, reset, clock.instant().plusMillis(123)));
    l.succeeded();
    lease(p).overloaded(Duration.ofSeconds(90)); // personal-1 again: first tier, round-robin of one
    String fpPersonal = Fingerprint.of(token("personal-1"));

    String json = PoolJson.render(p.snapshot());

    var expected =
        new ObjectMapper().readTree("""
        {"credentials":[
         {"name":"personal-1","tier":"personal","fingerprint":"%s","state":"cooling",
          "quota":{"limit":150,"used":12,"resets_at":"2026-12-01T10:00:00Z"},"failures":1,
          "cooldown_until":"2026-11-21T10:01:30Z","last_used":"2026-11-21T10:00:00Z","requests":2},
         {"name":"shared-1","tier":"shared","fingerprint":"%s","state":"available","quota":null,"failures":0,
          "cooldown_until":null,"last_used":null,"requests":0}]}
        """.formatted(fpPersonal, Fingerprint.of(token("shared-1"))));
    assertThat(new ObjectMapper().readTree(json)).isEqualTo(expected);
  }

  @Test
  void rendersTheTableWithEveryColumn() {
    CredentialPool p = pool("personal-1", "shared-1");
    Lease l = lease(p);
    p.updateQuota(l.credential().id(), new QuotaSnapshot(150, 12, false, reset, clock.instant()));
    l.quotaExhausted(reset);

    String table = PoolTable.render(p.snapshot(), clock.instant());

    String[] lines = table.split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0])
        .containsSubsequence(
            "NAME",
            "TIER",
            "STATE",
            "QUOTA LEFT",
            "RESETS AT",
            "FAILURES",
            "COOLDOWN UNTIL",
            "LAST USED",
            "REQUESTS");
    assertThat(lines[1])
        .containsSubsequence(
            "personal-1",
            "personal",
            "exhausted",
            "138/150",
            "2026-12-01T10:00:00Z",
            "0",
            "2026-12-01T10:00:00Z",
            "2026-11-21T10:00:00Z",
            "1");
    assertThat(lines[2])
        .containsSubsequence("shared-1", "shared", "available", "?", "-", "0", "-", "-", "0");
  }

  @Test
  void tellsWhatToSetWhenNoCredentialIsConfigured() {
    assertThat(PoolTable.render(pool().snapshot(), clock.instant())).contains("WARP_REFRESH_TOKEN");
  }

  @Test
  void readinessCountsCredentialsThatCouldBeLeasedNow() {
    CredentialPool p = pool("personal-1", "personal-2", "shared-1");
    lease(p).quotaExhausted(reset);
    lease(p).overloaded(Duration.ofSeconds(10));

    assertThat(p.readiness()).isEqualTo(new Readiness(1, null, null));
    clock.advance(Duration.ofSeconds(10));
    assertThat(p.readiness().available()).isEqualTo(2);
  }
}

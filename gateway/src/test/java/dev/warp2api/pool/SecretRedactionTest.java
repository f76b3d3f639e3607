package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import dev.warp2api.testing.LogLines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRedactionTest extends PoolTestSupport {
  @TempDir
  Path dir;

  /** Every secret used below, and a prefix of each that is still too long to show. */
  static final List<String> SECRETS = List.of(
      token("personal-1"),
      token("shared-1"),
      "AMf-vADDED-runtime-token",
      "eyJhbGciOiJSUzI1NiJ9.ACCESS.sig");

  @Test
  void neverShowsATokenInToStringSnapshotJsonTableOrLogs() {
    List<String> outputs = new ArrayList<>();
    try (LogLines logs = new LogLines("dev.warp2api.pool")) {
      FileStateStore store = new FileStateStore(dir, clock);
      CredentialPool p =
          pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1", "shared-1");
      Lease l = lease(p);
      outputs.add(l.toString());
      outputs.add(l.credential().toString());
      outputs.add(String.valueOf(p.acquire(Set.of())));
      p.rememberAccessToken(
          l.credential().id(), SECRETS.get(3), Instant.parse("2026-11-21T11:00:00Z"));
      outputs.add(p.cachedAccessToken(l.credential().id()).orElseThrow().toString());
      l.quotaExhausted(null);
      lease(p).overloaded(Duration.ofSeconds(5));
      outputs.add(p.add(Tier.SHARED, SECRETS.get(2)).toString());
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofHours(2));
        lease(p).authRejected();
      }
      p.disable("shared-2");
      p.recover();
      p.remove("shared-2");
      store.flush();
      outputs.add(p.snapshot().toString());
      outputs.add(PoolJson.render(p.snapshot()));
      outputs.add(PoolTable.render(p.snapshot(), clock.instant()));
      outputs.add(p.readiness().toString());
      outputs.addAll(logs.lines());
      outputs.add(new PoolState(List.of(new PoolState.Stored(
              "00000000",
              "shared-9",
              Tier.SHARED,
              CredentialSpec.Kind.REFRESH_TOKEN,
              SECRETS.get(2),
              CredentialState.AVAILABLE,
              null,
              0,
              0,
              0,
              0,
              null,
              null,
              new CachedAccessToken(SECRETS.get(3), Instant.EPOCH))))
          .toString());
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line).contains("event=pool.exhausted"));
    }

    String all = String.join("\n", outputs);
    for (String secret : SECRETS) {
      assertThat(all).doesNotContain(secret).doesNotContain(secret.substring(0, 12));
    }
    assertThat(all).doesNotContain("AMf-v").doesNotContain("eyJ");
  }

  @Test
  void logsEveryTransitionAsOneStructuredEventNamingTheCredential() {
    try (LogLines logs = new LogLines("dev.warp2api.pool")) {
      CredentialPool p = pool("personal-1");
      lease(p).quotaExhausted(Instant.parse("2026-12-01T10:00:00Z"));

      assertThat(logs.messages())
          .anySatisfy(line -> assertThat(line)
              .isEqualTo("INFO event=pool.exhausted"
                  + " credential=personal-1 fingerprint=" + Fingerprint.of(token("personal-1"))
                  + " from=available until=2026-12-01T10:00:00Z reason=quota"));
    }
  }
}

package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.config.ConfigException;
import dev.warp2api.config.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealingTest extends PoolTestSupport {
  static final byte[] KEY = filled(1);
  static final byte[] OTHER = filled(2);

  @TempDir
  Path tmp;

  final Instant later = Instant.parse("2026-12-01T10:00:00Z");

  static byte[] filled(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  @Test
  void aSealedValueOpensOnlyUnderItsContextAndKey() {
    Sealer sealer = new Sealer(KEY, null);
    String sealed = sealer.seal("eyJ-secret", "3fa4c2d1/access_token");

    assertThat(sealed).startsWith(Sealer.PREFIX).doesNotContain("eyJ-secret");
    assertThat(sealer.open(sealed, "3fa4c2d1/access_token")).isEqualTo("eyJ-secret");
    assertThat(sealer.seal("eyJ-secret", "3fa4c2d1/access_token"))
        .isNotEqualTo(sealed); // a fresh nonce each time
    assertThatThrownBy(() -> sealer.open(sealed, "9b1e07aa/access_token"))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new Sealer(OTHER, null).open(sealed, "3fa4c2d1/access_token"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("W2A_SECRET_KEY")
        .hasMessageNotContaining("eyJ-secret");
  }

  @Test
  void whileRotatingThePreviousKeyStillOpensWhatItSealed() {
    String sealedByOld = new Sealer(OTHER, null).seal("AMf-refresh", "fp/added_secret");
    Sealer rotating = new Sealer(KEY, OTHER);

    assertThat(rotating.open(sealedByOld, "fp/added_secret")).isEqualTo("AMf-refresh");
    assertThat(rotating.sealedUnderOtherKey(sealedByOld)).isTrue();
    assertThat(rotating.sealedUnderOtherKey(rotating.seal("x", "fp/added_secret")))
        .isFalse();
  }

  @Test
  void withAKeyTheFileStoreKeepsNoTokenInClearAndReadsThemBack() throws Exception {
    Path dir = tmp.resolve("state");
    FileStateStore store = new FileStateStore(dir, clock, new Sealer(KEY, null));
    CredentialPool first = pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1");
    CredentialView added = first.add(Tier.SHARED, "AMf-run-time-refresh-token");
    CredentialId id = new CredentialId("personal-1", view(first, "personal-1").fingerprint());
    first.rememberAccessToken(id, "eyJ-cached-access-token", later);
    store.flush();

    String file = Files.readString(dir.resolve("state.json"));
    assertThat(file)
        .doesNotContain("AMf-run-time-refresh-token")
        .doesNotContain("eyJ-cached-access-token")
        .contains(Sealer.PREFIX);

    CredentialPool second = pool(
        PoolPolicy.defaults(),
        new FileStateStore(dir, clock, new Sealer(OTHER, KEY)),
        DEFAULT_ORDER,
        "personal-1");
    assertThat(second.cachedAccessToken(id))
        .contains(new CachedAccessToken("eyJ-cached-access-token", later));
    assertThat(second
            .forMaintenance(new CredentialId(added.name(), added.fingerprint()))
            .orElseThrow()
            .getValue())
        .isEqualTo("AMf-run-time-refresh-token");
  }

  @Test
  void aSealedFileMetWithoutItsKeyIsAConfigurationErrorAndIsLeftAsItIs() throws Exception {
    Path dir = tmp.resolve("state");
    FileStateStore store = new FileStateStore(dir, clock, new Sealer(KEY, null));
    CredentialPool first = pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1");
    first.add(Tier.SHARED, "AMf-run-time-refresh-token");
    store.flush();
    String before = Files.readString(dir.resolve("state.json"));

    assertThatThrownBy(() -> new FileStateStore(dir, clock).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("W2A_SECRET_KEY is not set");
    assertThatThrownBy(() -> new FileStateStore(dir, clock, new Sealer(OTHER, null)).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("W2A_SECRET_KEY");
    assertThat(Files.readString(dir.resolve("state.json"))).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
  }

  @Test
  void aFileWrittenInClearIsReadWithAKeyAndSealedAtTheNextWrite() throws Exception {
    Path dir = tmp.resolve("state");
    FileStateStore clear = new FileStateStore(dir, clock);
    CredentialPool first = pool(PoolPolicy.defaults(), clear, DEFAULT_ORDER, "personal-1");
    first.add(Tier.SHARED, "AMf-run-time-refresh-token");
    clear.flush();
    assertThat(Files.readString(dir.resolve("state.json"))).contains("AMf-run-time-refresh-token");

    FileStateStore sealed = new FileStateStore(dir, clock, new Sealer(KEY, null));
    CredentialPool second = pool(PoolPolicy.defaults(), sealed, DEFAULT_ORDER, "personal-1");
    lease(second).succeeded();
    sealed.flush();

    assertThat(view(second, "shared-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(Files.readString(dir.resolve("state.json")))
        .doesNotContain("AMf-run-time-refresh-token");
  }
}

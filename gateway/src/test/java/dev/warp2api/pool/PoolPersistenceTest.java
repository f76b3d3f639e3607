package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.config.ConfigException;
import dev.warp2api.config.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolPersistenceTest extends PoolTestSupport {
  @TempDir
  Path tmp;

  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");

  CredentialPool restart(Path dir, String... names) {
    FileStateStore store = new FileStateStore(dir, clock);
    return pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, names);
  }

  @Test
  void aRestartKeepsExhaustedDisabledCountersQuotaAndTokens() {
    Path dir = tmp.resolve("state");
    FileStateStore store = new FileStateStore(dir, clock);
    CredentialPool first =
        pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1", "personal-2", "shared-1");
    lease(first).quotaExhausted(reset);
    first.disable("personal-2");
    Lease s = lease(first);
    s.authRejected();
    CredentialId shared = s.credential().id();
    first.updateQuota(shared, new QuotaSnapshot(150, 12, false, reset, clock.instant()));
    first.rememberAccessToken(shared, "eyJ-access-token", reset);
    store.flush();

    CredentialPool second = restart(dir, "personal-1", "personal-2", "shared-1");

    assertThat(view(second, "personal-1").state()).isEqualTo(CredentialState.EXHAUSTED);
    assertThat(view(second, "personal-1").cooldownUntil()).isEqualTo(reset);
    assertThat(view(second, "personal-2").state()).isEqualTo(CredentialState.DISABLED);
    assertThat(view(second, "shared-1").failures()).isEqualTo(1);
    assertThat(view(second, "shared-1").requests()).isEqualTo(1);
    assertThat(view(second, "shared-1").quota())
        .isEqualTo(new QuotaSnapshot(150, 12, false, reset, clock.instant()));
    assertThat(second.cachedAccessToken(shared))
        .contains(new CachedAccessToken("eyJ-access-token", reset));
    assertThat(leaseName(second)).isEqualTo("shared-1");
  }

  @Test
  void matchesStateByFingerprintSoReorderingTheEnvLosesNothing() {
    Path dir = tmp.resolve("state");
    FileStateStore store = track(new FileStateStore(dir, clock));
    CredentialPool first = new CredentialPool(
        List.of(spec("personal-1", "tok-a"), spec("personal-2", "tok-b")),
        DEFAULT_ORDER,
        PoolPolicy.defaults(),
        clock,
        store);
    lease(first).quotaExhausted(reset); // tok-a
    store.flush();

    CredentialPool second = new CredentialPool(
        List.of(spec("personal-1", "tok-b"), spec("personal-2", "tok-a")),
        DEFAULT_ORDER,
        PoolPolicy.defaults(),
        clock,
        track(new FileStateStore(dir, clock)));

    assertThat(view(second, "personal-2").state()).isEqualTo(CredentialState.EXHAUSTED);
    assertThat(view(second, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
  }

  @Test
  void credentialsAddedAtRunTimeComeBackAndRemovedOnesDoNot() {
    Path dir = tmp.resolve("state");
    FileStateStore store = new FileStateStore(dir, clock);
    CredentialPool first = pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1");
    first.add(Tier.SHARED, "runtime-1");
    first.add(Tier.SHARED, "runtime-2");
    first.remove("shared-1");
    store.flush();

    CredentialPool second = restart(dir, "personal-1");

    assertThat(second.snapshot())
        .extracting(CredentialView::name)
        .containsExactly("personal-1", "shared-2");
    assertThat(view(second, "shared-2").fingerprint()).isEqualTo(Fingerprint.of("runtime-2"));
  }

  @Test
  void aConfiguredCredentialRemovedThroughTheAdminApiStaysOutAtRestartUntilAddedAgain() {
    Path dir = tmp.resolve("state");
    FileStateStore store = new FileStateStore(dir, clock);
    CredentialPool first =
        pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1", "personal-2");
    first.remove("personal-2"); // e.g. a leaked token, still in .env
    store.flush();

    FileStateStore secondStore = new FileStateStore(dir, clock);
    CredentialPool second =
        pool(PoolPolicy.defaults(), secondStore, DEFAULT_ORDER, "personal-1", "personal-2");
    assertThat(second.snapshot()).extracting(CredentialView::name).containsExactly("personal-1");
    assertThat(second.readiness().available()).isEqualTo(1);

    second.add(Tier.PERSONAL, token("personal-2"));
    secondStore.flush();
    CredentialPool third = restart(dir, "personal-1", "personal-2");
    assertThat(third.snapshot())
        .extracting(CredentialView::fingerprint)
        .containsExactly(Fingerprint.of(token("personal-1")), Fingerprint.of(token("personal-2")));
  }

  @Test
  void writesTheStateFile0600InADirectory0700() throws Exception {
    Path dir = tmp.resolve("nested/state");
    FileStateStore store = new FileStateStore(dir, clock);
    CredentialPool p = pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1");
    leaseName(p);
    store.flush();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(Files.list(dir).map(f -> f.getFileName().toString()).toList())
        .containsExactly("state.json");
  }

  @Test
  void tightensTheModeOfAnExistingStateDirectory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("loose"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    new FileStateStore(dir, clock).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void anExistingDirectoryOfOtherFilesKeepsItsModeAndIsRefused() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("someones-project"));
    Files.writeString(dir.resolve("notes.txt"), "not ours");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> new FileStateStore(dir, clock))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems())
                .singleElement()
                .asString()
                .startsWith("W2A_STATE_DIR: " + dir)
                .contains("a directory of its own"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxr-xr-x");
    assertThat(Files.list(dir).map(f -> f.getFileName().toString()).toList())
        .containsExactly("notes.txt");
  }

  @Test
  void anExistingDirectoryHoldingOnlyOurStateIsTightened() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("old-state"));
    Files.writeString(dir.resolve("state.json"), "{}");
    Files.writeString(dir.resolve("state.json.corrupt-20261201T100000000Z"), "x");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    new FileStateStore(dir, clock).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void anExistingOwnerOnlyDirectoryIsUsedAsItIs() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("private"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

    new FileStateStore(dir, clock).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void aPlainFileAsTheStateDirectoryIsAConfigurationError() throws Exception {
    Path notADir = Files.writeString(tmp.resolve("plain"), "x");

    assertThatThrownBy(() -> new FileStateStore(notADir, clock))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems())
                .singleElement()
                .asString()
                .isEqualTo(
                    "W2A_STATE_DIR: " + notADir + " is not a directory; point W2A_STATE_DIR at a "
                        + "directory of its own (for example ./data; it is created 0700 when missing)"));
  }

  @Test
  void aStateFileWiderThan0600IsNarrowedWhenLoaded() throws Exception {
    Path dir = tmp.resolve("state");
    FileStateStore store = new FileStateStore(dir, clock);
    CredentialPool p = pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1");
    leaseName(p);
    store.flush();
    Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

    FileStateStore again = new FileStateStore(dir, clock);
    again.load();
    again.close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
  }

  @Test
  void aCoolingCredentialRestoredAfterItsCooldownIsAvailable() {
    Path dir = tmp.resolve("state");
    FileStateStore store = new FileStateStore(dir, clock);
    CredentialPool first = pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1");
    lease(first).overloaded(Duration.ofSeconds(30));
    store.flush();
    clock.advance(Duration.ofSeconds(31));

    CredentialPool second = restart(dir, "personal-1");

    assertThat(view(second, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
  }
}

package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.config.ConfigException;
import dev.warp2api.config.Tier;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.testing.RedisServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two pools (as two gateway instances would hold them) sharing one real redis-server. */
class SharedPoolThroughRedisTest extends PoolTestSupport {
  @RegisterExtension
  static final RedisServer server = RedisServer.perClass();

  static Vertx vertx;
  final Instant reset = Instant.parse("2026-12-01T10:00:00Z");
  String prefix;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    warmUp();
  }

  /**
   * One round of sharing before the timed tests: a cold JVM's first exchange is not what they
   * measure.
   */
  static void warmUp() {
    SharedPoolThroughRedisTest t = new SharedPoolThroughRedisTest();
    t.prefix = "warm-up:";
    CredentialPool a = t.instance("personal-1");
    CredentialPool b = t.instance("personal-1");
    lease(a).quotaExhausted(t.reset);
    within(
        Duration.ofSeconds(10),
        "warm-up",
        () -> view(b, "personal-1").state() == CredentialState.EXHAUSTED);
    t.poolInvariantsHold();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @BeforeEach
  void freshPrefix() {
    prefix = RedisServer.newPrefix();
  }

  RedisStateStore store(byte[] key) {
    return new RedisStateStore(vertx, server.url(), prefix, new Sealer(key, null), clock);
  }

  CredentialPool instance(String... names) {
    return pool(PoolPolicy.defaults(), store(SecretSealingTest.KEY), DEFAULT_ORDER, names);
  }

  static void within(Duration limit, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void aQuotaFailureSeenByOneInstanceKeepsTheOtherOffThatCredentialWithinOneSecond() {
    CredentialPool a = instance("personal-1", "personal-2");
    CredentialPool b = instance("personal-1", "personal-2");
    String name = exhaustOnAAndSeeItOnBWithinOneSecond(a, b);
    assertThat(view(b, name).cooldownUntil()).isEqualTo(reset);
    for (int i = 0; i < 6; i++) {
      assertThat(leaseName(b)).isNotEqualTo(name);
    }
  }

  @Test
  void
      leaseCountersAloneAreWrittenAtMostEveryCountersIntervalYetReachTheOtherInstanceAsACooldownDoes() {
    CredentialPool a = instance("personal-1", "personal-2");
    CredentialPool b = instance("personal-1", "personal-2");
    String used = prefix + "used:" + view(a, "personal-1").fingerprint();
    Set<List<String>> written = new HashSet<>();
    long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (System.nanoTime() < end) { // a lease every few ms, as under load
      leaseName(a);
      written.add(server.array("HGETALL " + used));
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
    // A flush per FLUSH_DELAY would have written them about 100 times in that second.
    long most = Duration.ofSeconds(1).toMillis() / RedisStateStore.COUNTERS_INTERVAL.toMillis() + 3;
    assertThat(written).hasSizeLessThanOrEqualTo((int) most);

    long leased = view(a, "personal-1").requests();
    assertThat(leased).isGreaterThan(50);
    within(
        Duration.ofSeconds(1),
        "A's " + leased + " leases counted on B",
        () -> view(b, "personal-1").requests() == leased);
    leaseName(a); // a counters-only write is held back now
    exhaustOnAAndSeeItOnBWithinOneSecond(a, b);
  }

  /** A lease on {@code a} runs out of quota; {@code b} sees it exhausted within one second. */
  private String exhaustOnAAndSeeItOnBWithinOneSecond(CredentialPool a, CredentialPool b) {
    Lease onA = lease(a);
    String name = onA.credential().name();
    onA.quotaExhausted(reset);
    within(
        Duration.ofSeconds(1),
        name + " exhausted on B",
        () -> view(b, name).state() == CredentialState.EXHAUSTED);
    return name;
  }

  @Test
  void credentialsAddedAndRemovedOnOneInstanceAppearAndGoOnTheOtherAndTheTablesAgree() {
    CredentialPool a = instance("personal-1");
    CredentialPool b = instance("personal-1");
    CredentialView added = a.add(Tier.SHARED, "AMf-added-on-a-0123456789");

    within(
        Duration.ofSeconds(1),
        "shared-1 on B",
        () -> b.snapshot().stream().anyMatch(v -> v.name().equals("shared-1")));
    CredentialId id = new CredentialId(added.name(), added.fingerprint());
    assertThat(b.forMaintenance(id).orElseThrow().getValue())
        .isEqualTo("AMf-added-on-a-0123456789");
    for (int i = 0; i < 4; i++) {
      leaseName(a);
      leaseName(b);
    }
    within(Duration.ofSeconds(1), "the same table on both", () -> table(a).equals(table(b)));

    a.remove("personal-1");
    within(
        Duration.ofSeconds(1),
        "personal-1 gone from B",
        () -> b.snapshot().stream().noneMatch(v -> v.name().equals("personal-1")));
    within(Duration.ofSeconds(1), "the same table on both", () -> table(a).equals(table(b)));
  }

  String table(CredentialPool p) {
    return PoolTable.render(p.snapshot(), clock.instant());
  }

  @Test
  void anOperatorsRecoverIsNotUndoneByAnOlderState() {
    CredentialPool a = instance("personal-1");
    CredentialPool b = instance("personal-1");
    lease(a).quotaExhausted(reset);
    within(
        Duration.ofSeconds(1),
        "exhausted on B",
        () -> view(b, "personal-1").state() == CredentialState.EXHAUSTED);
    clock.advance(Duration.ofSeconds(1));

    b.recover(); // due for its probe now
    lease(b).succeeded();

    within(
        Duration.ofSeconds(1),
        "available on A",
        () -> view(a, "personal-1").state() == CredentialState.AVAILABLE);
    assertThat(view(b, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
  }

  @Test
  void redisHoldsNoSecretAndNoKeyNamesOne() {
    CredentialPool a = instance("personal-1");
    a.add(Tier.SHARED, "AMf-added-on-a-0123456789");
    CredentialId p1 = new CredentialId("personal-1", view(a, "personal-1").fingerprint());
    a.rememberAccessToken(p1, "eyJ-access-token-on-a", reset);
    lease(a).succeeded();
    a.persisted().toCompletableFuture().join();

    String everything = server.dump();
    assertThat(everything)
        .contains(prefix + "cred:" + p1.fingerprint())
        .contains(Sealer.PREFIX)
        .doesNotContain("AMf-")
        .doesNotContain("eyJ-")
        .doesNotContain("SECRET");
  }

  @Test
  void aStoreSealedUnderAnotherKeyIsAConfigurationErrorAtStart() {
    CredentialPool a = instance("personal-1");
    a.add(Tier.SHARED, "AMf-added-on-a-0123456789");
    a.persisted().toCompletableFuture().join();

    RedisStateStore wrongKey = track(store(SecretSealingTest.OTHER));
    assertThatThrownBy(wrongKey::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("W2A_SECRET_KEY");
    assertThat(server.dump()).contains(Sealer.PREFIX); // nothing emptied
  }

  @Test
  void withRedisAwayEachInstanceServesAdminChangesAre503AndStateConvergesWhenItReturns() {
    CredentialPool a = instance("personal-1", "personal-2");
    CredentialPool b = instance("personal-1", "personal-2");
    leaseName(a);
    server.kill();

    long started = System.nanoTime();
    Lease onA = lease(a); // served from local state, not waiting on Redis
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(50));
    String name = onA.credential().name();
    onA.quotaExhausted(reset);
    within(Duration.ofSeconds(3), "A notices", () -> !a.storeHealth().reachable());
    assertThatThrownBy(() -> a.add(Tier.SHARED, "AMf-while-away-0123456789"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.STORE_UNAVAILABLE));
    assertThat(view(b, name).state()).isEqualTo(CredentialState.AVAILABLE);

    server.start();
    within(
        Duration.ofSeconds(3),
        "both reach Redis again",
        () -> a.storeHealth().reachable() && b.storeHealth().reachable());
    within(
        Duration.ofSeconds(2),
        name + " exhausted on B after the write-back",
        () -> view(b, name).state() == CredentialState.EXHAUSTED);
    within(Duration.ofSeconds(1), "the same table on both", () -> table(a).equals(table(b)));
    assertThat(a.add(Tier.SHARED, "AMf-after-return-0123456789").name()).isEqualTo("shared-1");
  }

  /**
   * The lock itself, below the request path's 50 ms bound on each answer (a loaded machine can take
   * longer than that to hand one over; the request path then goes on alone).
   */
  @Test
  void aRefreshLockIsTakenOnceReleasedByItsOwnerOnlyAndExpires() throws Exception {
    RedisStateStore s = track(store(SecretSealingTest.KEY));
    Duration answer = Duration.ofSeconds(1);
    var owner = s.tryLock("refresh:abc", Duration.ofMillis(300), answer).await(1, TimeUnit.SECONDS);
    assertThat(owner).isPresent();
    assertThat(s.tryLock("refresh:abc", Duration.ofMillis(300), answer).await(1, TimeUnit.SECONDS))
        .isEmpty();
    assertThat(s.unlock("refresh:abc", "someone-else").await(1, TimeUnit.SECONDS))
        .isFalse();
    within(
        Duration.ofSeconds(2),
        "the lock expires",
        () -> s.tryLock("refresh:abc", Duration.ofSeconds(5), answer)
            .toCompletionStage()
            .toCompletableFuture()
            .join()
            .isPresent());
    assertThat(s.unlock("refresh:abc", owner.get()).await(1, TimeUnit.SECONDS))
        .isFalse(); // expired, retaken since
  }

  List<String> names(CredentialPool p) {
    return p.snapshot().stream().map(CredentialView::name).toList();
  }
}

package dev.warp2api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.FinishedRequest;
import dev.warp2api.pipeline.FinishedRequests;
import dev.warp2api.sim.MutableClock;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usage ledger and key counts shared through a real redis-server: instances' counts add up, a
 * batch is counted once even when its answer is lost, nothing is lost while Redis is away, and a
 * Redis that came back empty is filled again without counting anything twice.
 */
class SharedUsageTest {
  static RedisServer redis;
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:10Z"));
  private final String prefix = "u" + System.nanoTime() + ":";
  private final List<Instance> instances = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.startNew();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void stop() {
    if (!"+PONG".equals(redis.command("PING"))) {
      redis.start();
    }
    instances.forEach(i -> i.usage.close());
    vertx.close();
  }

  /** One gateway's usage side: its own ledger, keys and rounds. */
  final class Instance {
    final FinishedRequests finished = new FinishedRequests();
    final Ledger ledger = Ledger.ownCounts(clock, Duration.ofDays(90));
    final KeyRegistry keys;
    final SharedUsage usage;

    Instance(SharedCounters counters) throws Exception {
      keys = new KeyRegistry(
          new FileDocumentStore(Files.createTempDirectory("w2a-keys")), finished, clock);
      keys.create(new ObjectMapper().readTree("{\"name\":\"team\",\"daily_tokens\":100}"));
      finished.subscribe(ledger::record);
      usage = new SharedUsage(vertx, counters, ledger, keys, clock);
      instances.add(this);
    }

    void served(int requests, long tokens) {
      for (int i = 0; i < requests; i++) {
        finished.publish(new FinishedRequest(
            clock.instant(),
            "team",
            "claude-4-5-sonnet",
            "personal-1",
            "openai",
            null,
            false,
            tokens,
            0,
            0,
            false,
            0,
            Duration.ofMillis(3),
            Duration.ofMillis(5)));
      }
    }

    boolean sync() {
      return usage.syncAndWait(Duration.ofSeconds(10));
    }

    long requests() {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      UsageSource.Totals totals =
          usage.totals(today, today).toCompletableFuture().join();
      assertThat(totals.note()).as("read from Redis").isNull();
      return totals.cells().values().stream().mapToLong(r -> r.counters()[0]).sum();
    }
  }

  private Instance instance() throws Exception {
    return new Instance(counters());
  }

  private RedisCounters counters() {
    return new RedisCounters(
        vertx, redis.url(), prefix, "i" + instances.size() + System.nanoTime(), Duration.ofDays(2));
  }

  @Test
  void twoInstancesCountsAddUpAndAKeysTokensOnOneCountOnTheOther() throws Exception {
    Instance a = instance();
    Instance b = instance();
    a.served(2, 10);
    b.served(1, 5);
    assertThat(a.sync()).isTrue();
    assertThat(b.sync()).isTrue();
    assertThat(a.sync()).isTrue();

    assertThat(a.requests()).isEqualTo(3);
    assertThat(b.requests()).isEqualTo(3);
    assertThat(a.keys.tokensToday("team")).isEqualTo(25);
    assertThat(b.keys.tokensToday("team")).isEqualTo(25);

    b.served(1, 80); // 105 of 100: the budget is spent, and A learns it at its next round
    assertThat(b.sync()).isTrue();
    assertThat(a.sync()).isTrue();
    NamedKey team = a.keys.get("team").orElseThrow();
    assertThat(catchKind(() -> a.keys.admit(team, "claude-4-5-sonnet", "openai")))
        .isEqualTo("KEY_BUDGET_EXHAUSTED");
  }

  @Test
  void aBatchWhoseAnswerWasLostIsSentAgainAndCountedOnce() throws Exception {
    RedisCounters real = counters();
    AtomicBoolean loseNext = new AtomicBoolean(true);
    SharedCounters losing = new SharedCounters() {
      @Override
      public Future<Reply> apply(Batch batch, List<String> reads) {
        return real.apply(batch, reads)
            .compose(reply -> !batch.increments().isEmpty() && loseNext.getAndSet(false)
                ? Future.failedFuture(
                    new IllegalStateException("connection reset before the answer"))
                : Future.succeededFuture(reply));
      }

      @Override
      public Future<List<Map<String, Long>>> read(List<String> hashes) {
        return real.read(hashes);
      }

      @Override
      public void close() {
        real.close();
      }
    };
    Instance a = new Instance(losing);
    a.served(4, 10);
    assertThat(a.sync()).as("the answer is lost").isFalse();
    a.served(1, 10);
    assertThat(a.sync()).isTrue(); // the same batch again: Redis took it already
    assertThat(a.sync()).isTrue(); // then the request counted since

    assertThat(a.requests()).isEqualTo(5);
    assertThat(a.keys.tokensToday("team")).isEqualTo(50);
    Instance b = instance();
    assertThat(b.sync()).isTrue();
    assertThat(b.keys.tokensToday("team")).isEqualTo(50);
  }

  @Test
  void countsMadeWhileRedisIsAwayArriveAndAnEmptiedRedisIsFilledAgainOnce() throws Exception {
    Instance a = instance();
    Instance b = instance();
    a.served(2, 1);
    b.served(1, 1);
    assertThat(a.sync()).isTrue();
    assertThat(b.sync()).isTrue();

    redis.kill(); // its content is lost: no persistence
    a.served(3, 1);
    assertThat(a.sync()).isFalse();
    assertThat(a.usage.reachable()).isFalse();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    UsageSource.Totals local =
        a.usage.totals(today, today).toCompletableFuture().join();
    assertThat(local.note()).isEqualTo(SharedUsage.LOCAL_NOTE);
    assertThat(local.cells().values().iterator().next().counters()[0]).isEqualTo(5);

    redis.start();
    Await.until("both sent everything again", Duration.ofSeconds(10), () -> {
      a.sync();
      b.sync();
      return a.requests() == 6;
    });
    assertThat(a.sync()).isTrue();
    assertThat(b.sync()).isTrue();
    assertThat(a.requests()).isEqualTo(6);
    assertThat(b.requests()).isEqualTo(6);
    assertThat(a.keys.tokensToday("team")).isEqualTo(6);
    assertThat(a.usage.reachable()).isTrue();
  }

  private static String catchKind(Runnable r) {
    try {
      r.run();
      return "admitted";
    } catch (GatewayException e) {
      return e.kind().name();
    }
  }
}

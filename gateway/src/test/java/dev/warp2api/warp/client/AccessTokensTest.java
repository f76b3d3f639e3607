package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import dev.warp2api.sim.MutableClock;
import dev.warp2api.testing.Await;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
  private static final String REFRESH = "AMf-vBrefresh-token-secret-0002";
  private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  private final MutableClock clock = new MutableClock(T0);
  private final HttpTokenRefresher refresher =
      stub.own(new HttpTokenRefresher(stub.vertx, stub.endpoints(), clock));
  private final AtomicInteger issued = new AtomicInteger();

  @BeforeEach
  void answerWithAFreshTokenALittleLater() {
    stub.answer((req, body) -> {
      issued.incrementAndGet();
      String jwt = TestJwts.jwtExpiringAt(clock.instant().plus(Duration.ofHours(1)));
      // answer a little later so that concurrent callers overlap with the refresh in flight
      stub.vertx.setTimer(50, id -> req.response().end("{\"access_token\":\"" + jwt + "\"}"));
    });
  }

  @Test
  void fiftyConcurrentCallersShareOneRefresh() throws Exception {
    AccessTokens tokens = new AccessTokens(refresher, clock);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<AccessToken>> results = new CopyOnWriteArrayList<>();
    List<java.util.concurrent.Future<?>> submitted = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      submitted.add(pool.submit(() -> {
        gate.await();
        return results.add(tokens.get("personal-1", REFRESH));
      }));
    }
    gate.countDown();
    for (var s : submitted) {
      s.get();
    }
    pool.shutdown();

    List<String> values =
        results.stream().map(f -> Await.result(f).value()).distinct().toList();
    assertThat(results).hasSize(50);
    assertThat(values).hasSize(1);
    assertThat(issued.get()).isEqualTo(1);
    assertThat(stub.received()).isEqualTo(1);
  }

  @Test
  void refreshesProactivelyWithinTheMarginBeforeExpiry() {
    AccessTokens tokens = new AccessTokens(refresher, clock);
    List<String> persisted = new CopyOnWriteArrayList<>();
    tokens.onRefreshed((key, token) -> persisted.add(key + "@" + token.expiresAt()));

    AccessToken first = Await.result(tokens.get("personal-1", REFRESH));
    clock.advance(Duration.ofMinutes(54));
    assertThat(Await.result(tokens.get("personal-1", REFRESH))).isEqualTo(first);
    assertThat(issued.get()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(2)); // 4 min before exp: inside the 5 min margin
    AccessToken second = Await.result(tokens.get("personal-1", REFRESH));
    assertThat(issued.get()).isEqualTo(2);
    assertThat(second.expiresAt()).isAfter(first.expiresAt());
    assertThat(persisted)
        .containsExactly("personal-1@" + first.expiresAt(), "personal-1@" + second.expiresAt());
  }

  @Test
  void invalidateForcesTheNextGetToRefresh() {
    AccessTokens tokens = new AccessTokens(refresher, clock);
    Await.result(tokens.get("personal-1", REFRESH));
    tokens.invalidate("personal-1");
    Await.result(tokens.get("personal-1", REFRESH));
    assertThat(issued.get()).isEqualTo(2);
  }

  @Test
  void seededTokenIsUsedWithoutRefreshing() {
    AccessTokens tokens = new AccessTokens(refresher, clock);
    AccessToken restored = new AccessToken("restored", T0.plus(Duration.ofMinutes(30)));
    tokens.seed("shared-1", restored);
    assertThat(Await.result(tokens.get("shared-1", REFRESH))).isEqualTo(restored);
    assertThat(issued.get()).isZero();
  }

  @Test
  void failedRefreshIsNotCachedAndCarriesNoSecret() {
    stub.answer(401, "{\"error\":\"bad token " + REFRESH + "\"}");
    AccessTokens tokens = new AccessTokens(refresher, clock);
    Throwable error = Await.failure(tokens.get("personal-1", REFRESH));
    assertThat(((UpstreamFailureException) error).failure())
        .isEqualTo(new UpstreamFailure.AuthRejected(401));
    assertThat(error.getMessage()).doesNotContain(REFRESH);
    Await.failure(tokens.get("personal-1", REFRESH));
    assertThat(stub.received()).isEqualTo(2);
  }

  @Test
  void warpJwtIsUsedAsIsUntilItExpiresThenAuthRejected() {
    String jwt = TestJwts.jwtExpiringAt(T0.plus(Duration.ofMinutes(10)));
    CredentialSpec spec =
        new CredentialSpec("jwt-1", Tier.values()[0], CredentialSpec.Kind.ACCESS_TOKEN, jwt);
    AccessTokens tokens = new AccessTokens(refresher, clock);

    assertThat(Await.result(tokens.get(spec)).value()).isEqualTo(jwt);
    clock.advance(Duration.ofMinutes(10));
    Throwable error = Await.failure(tokens.get(spec));
    assertThat(((UpstreamFailureException) error).failure())
        .isEqualTo(new UpstreamFailure.AuthRejected(401));
    assertThat(stub.received()).isZero();
  }
}

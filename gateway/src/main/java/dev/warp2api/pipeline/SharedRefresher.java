package dev.warp2api.pipeline;

import dev.warp2api.pool.CachedAccessToken;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.Fingerprint;
import dev.warp2api.pool.RedisStateStore;
import dev.warp2api.warp.client.AccessToken;
import dev.warp2api.warp.client.AccessTokens;
import dev.warp2api.warp.client.TokenRefresher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One token refresh per credential across every instance sharing Redis. Each instance already
 * refreshes a credential once at a time ({@link AccessTokens}); this makes the instances take
 * turns: before refreshing, an instance uses a token another one stored if it is still good, else
 * takes the credential's refresh lock ({@code SET NX PX}, {@link #LOCK_TTL}), refreshes, stores the
 * token, and releases the lock by compare-and-delete. An instance finding the lock held waits for
 * the holder's token, polling Redis; a holder that crashed stops blocking when its lock expires.
 * Redis away: the instance refreshes on its own.
 */
public final class SharedRefresher implements TokenRefresher {
  /**
   * How long a refresh may hold the lock: longer than a refresh may take
   * ({@code W2A_REFRESH_TIMEOUT}, 10 s).
   */
  static final Duration LOCK_TTL = Duration.ofSeconds(15);

  private static final long POLL_MS = 25;
  private static final Logger LOG = LoggerFactory.getLogger(SharedRefresher.class);

  private final TokenRefresher inner;
  private final RedisStateStore redis;
  private final CredentialPool pool;
  private final Vertx vertx;
  private final Clock clock;
  /**
   * Credentials whose next refresh must really happen ({@code pool check}, a token Warp rejected).
   */
  private final Set<String> forced = ConcurrentHashMap.newKeySet();

  public SharedRefresher(
      TokenRefresher inner, RedisStateStore redis, CredentialPool pool, Vertx vertx, Clock clock) {
    this.inner = inner;
    this.redis = redis;
    this.pool = pool;
    this.vertx = vertx;
    this.clock = clock;
  }

  /**
   * The next refresh of {@code fingerprint} goes to Warp even if another instance stored a token.
   */
  void force(String fingerprint) {
    forced.add(fingerprint);
  }

  @Override
  public Future<AccessToken> refresh(String refreshToken) {
    String fp = Fingerprint.of(refreshToken);
    if (forced.remove(fp)) {
      return locked(fp, refreshToken, deadline(), true);
    }
    Optional<AccessToken> known = pool.cachedAccessToken(new CredentialId("-", fp))
        .filter(this::usable)
        .map(c -> new AccessToken(c.token(), c.expiresAt()));
    if (known.isPresent()) { // another instance's token, already brought in by a poll
      return Future.succeededFuture(known.get());
    }
    return stored(fp)
        .compose(t -> t.isPresent()
            ? Future.succeededFuture(t.get())
            : locked(fp, refreshToken, deadline(), false));
  }

  /**
   * Real time, not the injected clock: a wait for another instance is bounded by the lock's expiry.
   */
  private static long deadline() {
    return System.nanoTime() + LOCK_TTL.toNanos() + Duration.ofSeconds(5).toNanos();
  }

  /** A good token another instance stored, or empty (also when Redis does not answer in time). */
  private Future<Optional<AccessToken>> stored(String fp) {
    return stored(fp, RedisStateStore.REQUEST_PATH_TIMEOUT);
  }

  private Future<Optional<AccessToken>> stored(String fp, Duration wait) {
    return redis
        .sharedToken(fp, wait)
        .map(t -> t.filter(this::usable).map(c -> new AccessToken(c.token(), c.expiresAt())))
        .otherwise(Optional.empty());
  }

  private boolean usable(CachedAccessToken t) {
    return t.expiresAt().isAfter(clock.instant().plus(AccessTokens.DEFAULT_MARGIN));
  }

  /**
   * Takes the lock, or waits for its holder's token. Redis known to be away: refresh alone at once.
   * Redis reachable: its answers are awaited up to {@link RedisStateStore#CALL_TIMEOUT} (a refresh
   * is itself a call to Warp of that order, and on a busy host a 50 ms bound let two instances
   * refresh the same credential).
   */
  private Future<AccessToken> locked(String fp, String refreshToken, long deadline, boolean force) {
    if (!redis.health().reachable()) {
      return inner.refresh(refreshToken);
    }
    return redis
        .tryLock("refresh:" + fp, LOCK_TTL, RedisStateStore.CALL_TIMEOUT)
        .transform(ar -> {
          if (ar.failed()) { // Redis away or slow: refresh alone rather than wait
            LOG.info(
                "event=token.refresh_alone fingerprint={} reason=lock_unanswered error={}",
                fp,
                ar.cause().getClass().getSimpleName());
            return inner.refresh(refreshToken);
          }
          if (ar.result().isPresent()) {
            String owner = ar.result().get();
            if (force) {
              return holding(fp, refreshToken, owner);
            }
            // The holder before us may have stored its token just before we looked: look again.
            return stored(fp, RedisStateStore.CALL_TIMEOUT).compose(t -> {
              if (t.isEmpty()) {
                return holding(fp, refreshToken, owner);
              }
              redis.unlock("refresh:" + fp, owner);
              return Future.succeededFuture(t.get());
            });
          }
          if (System.nanoTime() - deadline > 0) {
            LOG.info("event=token.refresh_alone fingerprint={} reason=lock_held_too_long", fp);
            return inner.refresh(refreshToken);
          }
          return later()
              .compose(v -> force
                  ? locked(fp, refreshToken, deadline, true)
                  : stored(fp)
                      .compose(t -> t.isPresent()
                          ? Future.succeededFuture(t.get())
                          : locked(fp, refreshToken, deadline, false)));
        });
  }

  /**
   * Refreshes while holding the lock. The caller has its token at once; the lock is released once
   * the token is in Redis, so the others find it there rather than take the lock and refresh again.
   */
  private Future<AccessToken> holding(String fp, String refreshToken, String owner) {
    return inner.refresh(refreshToken).andThen(ar -> {
      if (ar.failed()) {
        redis.unlock("refresh:" + fp, owner);
        return;
      }
      AccessToken token = ar.result();
      pool.rememberAccessToken(new CredentialId("-", fp), token.value(), token.expiresAt());
      pool.persisted().whenComplete((v, e) -> redis.unlock("refresh:" + fp, owner));
    });
  }

  private Future<Void> later() {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(POLL_MS, id -> p.complete());
    return p.future();
  }
}

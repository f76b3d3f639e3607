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
  private static final long STORE_RETRY_MS = 100;
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
    Turn turn = new Turn(fp, refreshToken, redis.lockOwner(), deadline(), forced.remove(fp));
    if (turn.force) {
      return locked(turn);
    }
    Optional<AccessToken> known = known(fp);
    if (known.isPresent()) { // another instance's token, already brought in by a poll
      return Future.succeededFuture(known.get());
    }
    return stored(fp).compose(t -> t.isPresent() ? Future.succeededFuture(t.get()) : locked(turn));
  }

  /**
   * One refresh's wait for its turn. The owner token is the same on every try, so a try whose
   * answer came too late and took the lock unknowingly is recognised by the next one.
   */
  private record Turn(String fp, String refreshToken, String owner, long deadline, boolean force) {
    String lock() {
      return "refresh:" + fp;
    }
  }

  /**
   * Real time, not the injected clock: a wait for another instance is bounded by the lock's expiry.
   */
  private static long deadline() {
    return System.nanoTime() + LOCK_TTL.toNanos() + Duration.ofSeconds(5).toNanos();
  }

  /** A good token in the pool's own copy (this instance's, or another's brought in by a poll). */
  private Optional<AccessToken> known(String fp) {
    return pool.cachedAccessToken(new CredentialId("-", fp))
        .filter(this::usable)
        .map(c -> new AccessToken(c.token(), c.expiresAt()));
  }

  /** A good token another instance stored, or empty (also when Redis does not answer in time). */
  private Future<Optional<AccessToken>> stored(String fp) {
    return stored(fp, RedisStateStore.REQUEST_PATH_TIMEOUT).otherwise(Optional.empty());
  }

  /** A good token another instance stored, or empty; fails when Redis does not answer in time. */
  private Future<Optional<AccessToken>> stored(String fp, Duration wait) {
    return redis
        .sharedToken(fp, wait)
        .map(t -> t.filter(this::usable).map(c -> new AccessToken(c.token(), c.expiresAt())));
  }

  private boolean usable(CachedAccessToken t) {
    return t.expiresAt().isAfter(clock.instant().plus(AccessTokens.DEFAULT_MARGIN));
  }

  /**
   * Takes the lock, or waits for its holder's token. Redis known to be away: refresh alone at once.
   * Redis reachable: each answer is awaited up to {@link RedisStateStore#CALL_TIMEOUT}, and one
   * that comes too late is tried again (same owner) rather than taken as Redis being away: on a
   * busy host an answer can take longer than that while Redis is fine, and refreshing alone then is
   * a second refresh. Redis really away shows as the store turning unreachable (its polls), which
   * ends the wait; the lock's expiry bounds it in any case.
   */
  private Future<AccessToken> locked(Turn turn) {
    if (!redis.health().reachable()) {
      return alone(turn, "store_unreachable");
    }
    if (System.nanoTime() - turn.deadline > 0) {
      return alone(turn, "lock_held_too_long");
    }
    return redis
        .tryLock(turn.lock(), turn.owner, LOCK_TTL, RedisStateStore.CALL_TIMEOUT)
        .transform(ar -> {
          if (ar.failed()) { // unanswered in time: again, unless the store is now known away
            return later().compose(v -> locked(turn));
          }
          if (ar.result()) {
            return turn.force ? holding(turn) : lookAgainThenRefresh(turn);
          }
          return later().compose(v -> {
            if (turn.force) {
              return locked(turn);
            }
            Optional<AccessToken> known = known(turn.fp);
            if (known.isPresent()) {
              return Future.succeededFuture(known.get());
            }
            return stored(turn.fp)
                .compose(t -> t.isPresent() ? Future.succeededFuture(t.get()) : locked(turn));
          });
        });
  }

  /** Holding the lock: the holder before us may have stored its token just before we looked. */
  private Future<AccessToken> lookAgainThenRefresh(Turn turn) {
    Optional<AccessToken> known = known(turn.fp);
    if (known.isPresent()) {
      redis.unlock(turn.lock(), turn.owner);
      return Future.succeededFuture(known.get());
    }
    return stored(turn.fp, RedisStateStore.CALL_TIMEOUT).transform(ar -> {
      if (ar.failed()) { // unanswered: look again while Redis is reachable and the lock ours
        return redis.health().reachable() && System.nanoTime() - turn.deadline < 0
            ? later().compose(v -> lookAgainThenRefresh(turn))
            : holding(turn);
      }
      if (ar.result().isEmpty()) {
        return holding(turn);
      }
      redis.unlock(turn.lock(), turn.owner);
      return Future.succeededFuture(ar.result().get());
    });
  }

  private Future<AccessToken> alone(Turn turn, String reason) {
    LOG.info("event=token.refresh_alone fingerprint={} reason={}", turn.fp, reason);
    return inner.refresh(turn.refreshToken);
  }

  /**
   * Refreshes while holding the lock. The caller has its token at once; the lock is released once
   * the token is in Redis, so the others find it there rather than take the lock and refresh again.
   * A write that fails (Redis slow or away) is tried again until the lock would expire: releasing
   * it before the token is stored would let the next instance refresh as well.
   */
  private Future<AccessToken> holding(Turn turn) {
    return inner.refresh(turn.refreshToken).andThen(ar -> {
      if (ar.failed()) {
        redis.unlock(turn.lock(), turn.owner);
        return;
      }
      AccessToken token = ar.result();
      pool.rememberAccessToken(new CredentialId("-", turn.fp), token.value(), token.expiresAt());
      unlockOnceStored(turn, System.nanoTime() + LOCK_TTL.toNanos());
    });
  }

  private void unlockOnceStored(Turn turn, long until) {
    pool.persisted().whenComplete((v, e) -> {
      if (e == null) {
        redis.unlock(turn.lock(), turn.owner);
      } else if (System.nanoTime() - until < 0) {
        vertx.setTimer(STORE_RETRY_MS, id -> unlockOnceStored(turn, until));
      } // else the lock has expired by now
    });
  }

  private Future<Void> later() {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(POLL_MS, id -> p.complete());
    return p.future();
  }
}

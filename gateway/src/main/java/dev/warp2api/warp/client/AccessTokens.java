package dev.warp2api.warp.client;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.core.Jwt;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token of each credential: cached, refreshed shortly before it expires, one refresh at
 * a time.
 *
 * <p>Concurrency: one immutable {@link Slot} per key in a {@link ConcurrentHashMap}, replaced only
 * inside {@code compute}. A slot holds the last good token and, while a refresh runs, its future.
 * Invariant: at most one refresh per key is in flight; every caller arriving meanwhile gets that
 * same future. A failed refresh is not cached: the next {@link #get} tries again. Callers may be on
 * any thread; results complete on a Vert.x event loop (or at once when cached).
 *
 * <p>{@code WARP_JWT} credentials ({@link CredentialSpec.Kind#ACCESS_TOKEN}) are used as given
 * until their {@code exp} and never refreshed; after it {@link #get(CredentialSpec)} fails with
 * {@link UpstreamFailure.AuthRejected} (401), as Warp would. One without {@code exp} never expires
 * locally.
 */
public final class AccessTokens {
  /**
   * Refresh this long before {@code exp}: a request started now must not carry a token that dies
   * mid-stream.
   */
  public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

  private record Slot(AccessToken token, Future<AccessToken> inflight) {}

  private final TokenRefresher refresher;
  private final Clock clock;
  private final Duration margin;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, AccessToken>> listeners = new CopyOnWriteArrayList<>();

  public AccessTokens(TokenRefresher refresher, Clock clock) {
    this(refresher, clock, DEFAULT_MARGIN);
  }

  /** @param margin a cached token expiring within this margin is refreshed before use */
  public AccessTokens(TokenRefresher refresher, Clock clock, Duration margin) {
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.margin = Objects.requireNonNull(margin, "margin");
    if (margin.isNegative()) {
      throw new IllegalArgumentException("margin must not be negative: " + margin);
    }
  }

  /**
   * A valid access token for the refresh-token credential {@code key}: the cached one unless it
   * expires within the margin, else the result of the refresh in flight for {@code key}, else a new
   * refresh.
   *
   * @param key the credential's name, e.g. {@code personal-1}
   * @param refreshToken its refresh token
   * @return the token, or a future failed as {@link TokenRefresher#refresh} fails
   */
  public Future<AccessToken> get(String key, String refreshToken) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Instant now = clock.instant();
    Promise<AccessToken> started = Promise.promise();
    Slot slot = slots.compute(key, (k, old) -> {
      if (old != null && (old.inflight() != null || usable(old.token(), now))) {
        return old;
      }
      return new Slot(old == null ? null : old.token(), started.future());
    });
    if (slot.inflight() == started.future()) {
      Future<AccessToken> refreshed;
      try {
        refreshed = refresher.refresh(refreshToken);
      } catch (RuntimeException e) {
        refreshed = Future.failedFuture(e);
      }
      refreshed.onComplete(result -> finish(key, started, result.result(), result.cause()));
      return started.future();
    }
    return slot.inflight() != null ? slot.inflight() : Future.succeededFuture(slot.token());
  }

  /**
   * {@link #get(String, String)} for a configured credential, honouring {@code WARP_JWT}
   * credentials.
   */
  public Future<AccessToken> get(CredentialSpec credential) {
    Objects.requireNonNull(credential, "credential");
    if (credential.kind() == CredentialSpec.Kind.REFRESH_TOKEN) {
      return get(credential.name(), credential.secret());
    }
    AccessToken fixed =
        new AccessToken(credential.secret(), Jwt.expiry(credential.secret()).orElse(Instant.MAX));
    if (!fixed.expiresAt().isAfter(clock.instant())) {
      return Future.failedFuture(
          new UpstreamFailureException(new UpstreamFailure.AuthRejected(401)));
    }
    return Future.succeededFuture(fixed);
  }

  /**
   * Forgets the cached token of {@code key} (after Warp answered 401) so the next {@link #get}
   * refreshes.
   */
  public void invalidate(String key) {
    slots.computeIfPresent(key, (k, old) -> old.inflight() != null ? old : null);
  }

  /**
   * Puts a token restored from persisted state; ignored while a refresh for {@code key} is in
   * flight.
   */
  public void seed(String key, AccessToken token) {
    Objects.requireNonNull(token, "token");
    slots.compute(
        Objects.requireNonNull(key, "key"),
        (k, old) -> old != null && old.inflight() != null ? old : new Slot(token, null));
  }

  /**
   * Called after every successful refresh (to persist it); must be fast, may run on an event loop.
   */
  public void onRefreshed(BiConsumer<String, AccessToken> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private boolean usable(AccessToken token, Instant now) {
    return token != null && !token.expiresWithin(margin, now);
  }

  private void finish(
      String key, Promise<AccessToken> started, AccessToken fresh, Throwable error) {
    slots.computeIfPresent(
        key,
        (k, old) -> old.inflight() != started.future()
            ? old
            : fresh != null
                ? new Slot(fresh, null)
                : old.token() == null ? null : new Slot(old.token(), null));
    if (fresh == null) {
      started.fail(error);
      return;
    }
    for (BiConsumer<String, AccessToken> listener : listeners) {
      try {
        listener.accept(key, fresh);
      } catch (RuntimeException e) {
        LOG.warn(
            "event=token.listener.failed credential={} error={}",
            key,
            e.getClass().getSimpleName());
      }
    }
    started.complete(fresh);
  }
}

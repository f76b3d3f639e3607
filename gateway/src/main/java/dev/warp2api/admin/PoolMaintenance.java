package dev.warp2api.admin;

import dev.warp2api.config.Settings;
import dev.warp2api.config.Tier;
import dev.warp2api.config.UpstreamSettings;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.PoolTokens;
import dev.warp2api.pipeline.QuotaReader;
import dev.warp2api.pipeline.SharedRefresher;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.pool.QuotaSnapshot;
import dev.warp2api.pool.RedisStateStore;
import dev.warp2api.warp.client.AccessTokens;
import dev.warp2api.warp.client.HttpTokenRefresher;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import dev.warp2api.warp.client.UpstreamTransport;
import dev.warp2api.warp.client.WarpEndpoints;
import dev.warp2api.warp.client.WarpGraphql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's upkeep that talks to Warp outside any client request: access tokens for the pool's
 * credentials, quota reads, and {@code pool check} (refresh every credential once, read its quota).
 * Shared by the running gateway and by the offline {@code pool} commands. Thread-safe.
 */
public final class PoolMaintenance implements AutoCloseable {
  private final CredentialPool pool;
  private final PoolTokens tokens;
  private final QuotaReader quotas;
  private final WarpGraphql graphql;
  private final HttpTokenRefresher refresher;
  private final SharedRefresher shared;

  /**
   * Upkeep of {@code pool} that reaches Warp at {@code endpoints} on connections of its own, with
   * {@code W2A_REFRESH_TIMEOUT}'s default.
   */
  public PoolMaintenance(Vertx vertx, WarpEndpoints endpoints, CredentialPool pool, Clock clock) {
    this(vertx, endpoints, pool, clock, null, UpstreamSettings.DEFAULT_REFRESH_TIMEOUT, null);
  }

  /**
   * Upkeep of {@code pool} that reaches Warp at {@code endpoints}.
   *
   * @param transport the connections shared with the AI call, or null for connections of their own
   * @param refreshTimeout the longest one token refresh may take ({@code W2A_REFRESH_TIMEOUT})
   * @param redisOrNull the shared store: refreshes then take turns with the other instances
   *     ({@link SharedRefresher})
   */
  public PoolMaintenance(
      Vertx vertx,
      WarpEndpoints endpoints,
      CredentialPool pool,
      Clock clock,
      UpstreamTransport transport,
      Duration refreshTimeout,
      RedisStateStore redisOrNull) {
    this.pool = pool;
    this.refresher = new HttpTokenRefresher(vertx, endpoints, transport, refreshTimeout, clock);
    this.graphql = transport == null
        ? new WarpGraphql(vertx, endpoints, clock)
        : new WarpGraphql(vertx, endpoints, transport, clock);
    this.shared = redisOrNull == null
        ? null
        : new SharedRefresher(refresher, redisOrNull, pool, vertx, clock);
    this.tokens =
        new PoolTokens(pool, new AccessTokens(shared == null ? refresher : shared, clock), shared);
    this.quotas = new QuotaReader(
        id -> tokens
            .get(id)
            .andThen(ar -> recordRefresh(id, ar.succeeded() ? null : ar.cause()))
            .compose(t -> graphql.requestLimitInfo(t.value()))
            .map(q -> new QuotaSnapshot(
                q.limit(), q.used(), q.unlimited(), q.nextRefresh(), clock.instant())),
        pool::updateQuota);
  }

  /** The access tokens of the pool's credentials, shared with the request path. */
  public PoolTokens tokens() {
    return tokens;
  }

  /** The quota reader, shared with the request path (a quota failure schedules a read). */
  public QuotaReader quotas() {
    return quotas;
  }

  /** Warp's GraphQL API (quota, model choices). */
  public WarpGraphql graphql() {
    return graphql;
  }

  CredentialPool pool() {
    return pool;
  }

  /**
   * Upkeep for {@code pool} commands run with {@code --offline}, on a pool opened from the state
   * store.
   */
  public static PoolMaintenance offline(
      Vertx vertx, Settings settings, CredentialPool pool, Clock clock) {
    return new PoolMaintenance(
        vertx,
        WarpEndpoints.from(settings.upstream()),
        pool,
        clock,
        null,
        settings.upstream().refreshTimeout(),
        pool.store() instanceof RedisStateStore redis ? redis : null);
  }

  /**
   * {@code pool check}: refreshes every credential's token once (a cached access token is dropped
   * first) and reads its quota; per credential name, {@code ok} or why not. The outcomes feed the
   * pool: a rejected refresh counts toward {@code W2A_AUTH_FAILURES}, a reading updates the quota.
   */
  public Future<Map<String, String>> check() {
    return readAll(true);
  }

  /**
   * {@code pool recover}: returns disabled, cooling and auth_failed credentials to service, then
   * {@link #check()}s every credential; one returned from auth_failed or disabled whose re-check is
   * rejected is auth_failed again.
   */
  public Future<Map<String, String>> recover() {
    pool.recover();
    return check();
  }

  /**
   * The start-up reads: every credential's quota, with its cached access token when it still has
   * one.
   */
  public Future<Map<String, String>> readQuotas() {
    return readAll(false);
  }

  private Future<Map<String, String>> readAll(boolean refresh) {
    List<Tier> order = pool.order();
    List<CredentialView> views = pool.snapshot();
    List<Future<QuotaSnapshot>> reads = new ArrayList<>();
    for (CredentialView view : views) {
      CredentialId id = new CredentialId(view.name(), view.fingerprint());
      if (!order.contains(view.tier())) {
        reads.add(Future.failedFuture(
            new NotChecked("not used: WARP_POOL_ORDER leaves out " + view.tier().label())));
        continue;
      }
      if (pool.jwtExpired(id)) {
        reads.add(Future.failedFuture(
            new NotChecked("WARP_JWT has expired (an access token is never refreshed)")));
        continue;
      }
      if (refresh) {
        tokens.invalidate(id);
      }
      reads.add(quotas.read(id)); // the read refreshes the credential's token when it needs one
    }
    return Future.join(reads).transform(ignored -> {
      Map<String, String> results = new LinkedHashMap<>();
      for (int i = 0; i < views.size(); i++) {
        Future<QuotaSnapshot> r = reads.get(i);
        results.put(views.get(i).name(), r.succeeded() ? "ok" : describe(r.cause()));
      }
      return Future.succeededFuture(results);
    });
  }

  /** A token obtained or rejected outside a lease is an outcome for the pool, as in a lease. */
  private void recordRefresh(CredentialId id, Throwable failure) {
    if (failure == null) {
      pool.refreshSucceeded(id);
    } else if (failure instanceof UpstreamFailureException u
        && u.failure() instanceof UpstreamFailure.AuthRejected) {
      pool.refreshRejected(id);
    }
  }

  /**
   * A credential that is not checked (a tier left out of the pool order, an expired WARP_JWT), and
   * why.
   */
  private static final class NotChecked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotChecked(String why) {
      super(why, null, false, false);
    }
  }

  static String describe(Throwable t) {
    if (t instanceof NotChecked n) {
      return n.getMessage();
    }
    if (t instanceof UpstreamFailureException u) {
      return u.failure().safeDescription();
    }
    if (t instanceof GatewayException g) {
      return g.safeMessage();
    }
    return t.getClass().getSimpleName();
  }

  @Override
  public void close() {
    refresher.close();
    graphql.close();
  }
}

package dev.warp2api.server;

import dev.warp2api.config.Settings;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.QuotaReader;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.pool.QuotaSnapshot;
import dev.warp2api.warp.client.AccessTokens;
import dev.warp2api.warp.client.HttpTokenRefresher;
import dev.warp2api.warp.client.UpstreamFailureException;
import dev.warp2api.warp.client.WarpEndpoints;
import dev.warp2api.warp.client.WarpGraphql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
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
  final CredentialPool pool;
  final PoolTokens tokens;
  final QuotaReader quotas;
  final WarpGraphql graphql;
  private final HttpTokenRefresher refresher;

  PoolMaintenance(Vertx vertx, WarpEndpoints endpoints, CredentialPool pool, Clock clock) {
    this.pool = pool;
    this.refresher = new HttpTokenRefresher(vertx, endpoints, clock);
    this.graphql = new WarpGraphql(vertx, endpoints, clock);
    this.tokens = new PoolTokens(pool, new AccessTokens(refresher, clock));
    this.quotas = new QuotaReader(
        id -> tokens.get(id).compose(t -> graphql.requestLimitInfo(t.value()))
            .map(q -> new QuotaSnapshot(q.limit(), q.used(), q.unlimited(), q.nextRefresh(), clock.instant())),
        pool::updateQuota);
  }

  /** Upkeep for {@code pool} commands run with {@code --offline}, on a pool opened from the state store. */
  public static PoolMaintenance offline(Vertx vertx, Settings settings, CredentialPool pool, Clock clock) {
    return new PoolMaintenance(vertx, WarpEndpoints.from(settings), pool, clock);
  }

  /** Refreshes every credential's token once and reads its quota; per credential name, {@code ok} or why not. */
  public Future<Map<String, String>> check() {
    List<CredentialView> views = pool.snapshot();
    List<Future<QuotaSnapshot>> reads = new ArrayList<>();
    for (CredentialView view : views) {
      CredentialId id = new CredentialId(view.name(), view.fingerprint());
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

  static String describe(Throwable t) {
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

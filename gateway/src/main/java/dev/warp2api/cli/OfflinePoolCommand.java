package dev.warp2api.cli;

import dev.warp2api.admin.PoolMaintenance;
import dev.warp2api.config.Settings;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.PoolEvents;
import dev.warp2api.pool.PoolTable;
import dev.warp2api.pool.StateStores;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code pool status|check|recover --offline}: works on the configuration and the state store in
 * {@code W2A_STATE_DIR} (or, with {@code W2A_REDIS_URL}, the shared state in Redis) without a
 * running gateway. Do not run it against the state directory of a gateway that is running: both
 * would write the same file (the gateway's admin API is the way then); against Redis it is one more
 * instance and merges like one.
 */
final class OfflinePoolCommand implements CommandBackends.OfflinePool {

  @Override
  public int run(PoolAction action, Settings settings, PrintWriter out) throws Exception {
    Clock clock = Clock.systemUTC();
    Vertx vertx = Vertx.vertx();
    try (CredentialPool pool = CredentialPool.open(
        settings.pool(),
        StateStores.open(vertx, settings.store(), clock),
        clock,
        PoolEvents.NONE)) {
      if (action == PoolAction.STATUS) {
        out.print(PoolTable.render(pool.snapshot(), clock.instant()));
        return 0;
      }
      try (PoolMaintenance maintenance = PoolMaintenance.offline(vertx, settings, pool, clock)) {
        Map<String, String> checks = (action == PoolAction.RECOVER
                ? maintenance.recover()
                : maintenance.check())
            .await(60, TimeUnit.SECONDS);
        return CheckReport.print(pool.snapshot(), checks, clock.instant(), out);
      }
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }
}

package dev.warp2api.pool;

import dev.warp2api.config.StoreSettings;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Picks the state store the settings name: Redis when {@code W2A_REDIS_URL} is set, else the file
 * store.
 */
public final class StateStores {
  private StateStores() {}

  /**
   * @throws dev.warp2api.config.ConfigException when {@code W2A_STATE_DIR} cannot be used (file
   *     store)
   */
  public static StateStore open(Vertx vertx, StoreSettings settings, Clock clock) {
    Sealer sealer = settings.secretKey() == null
        ? null
        : new Sealer(settings.secretKey(), settings.previousSecretKey());
    if (settings.redisUrl() != null) {
      return new RedisStateStore(vertx, settings.redisUrl(), settings.redisPrefix(), sealer, clock);
    }
    return new FileStateStore(settings.stateDir(), clock, sealer);
  }
}

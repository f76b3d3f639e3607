package dev.warp2api.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where state is kept. {@link #toString()} does not show the Redis URL, which may carry a password.
 *
 * @param stateDir {@code W2A_STATE_DIR}, resolved against the working directory
 * @param redisUrl {@code W2A_REDIS_URL}, or null (read and validated; sharing through Redis is not built yet)
 */
public record StoreSettings(Path stateDir, String redisUrl) {
  public StoreSettings {
    Objects.requireNonNull(stateDir, "stateDir");
  }

  @Override
  public String toString() {
    return "StoreSettings[stateDir=" + stateDir + ", redis=" + (redisUrl == null ? "unset" : "set") + "]";
  }
}

package dev.warp2api.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where state is kept. {@link #toString()} does not show the Redis URL, which may carry a password.
 *
 * @param stateDir {@code W2A_STATE_DIR}, resolved against the working directory
 * @param redisUrl {@code W2A_REDIS_URL}, or null (read and validated; sharing through Redis is not built yet)
 * @param responses the bounds of the Responses API's stored responses ({@code W2A_RESPONSE_STORE_*})
 */
public record StoreSettings(Path stateDir, String redisUrl, ResponseStoreLimits responses) {
  public StoreSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    responses = responses == null ? ResponseStoreLimits.DEFAULTS : responses;
  }

  /** Where state is kept, with the default bounds of stored responses. */
  public StoreSettings(Path stateDir, String redisUrl) {
    this(stateDir, redisUrl, ResponseStoreLimits.DEFAULTS);
  }

  @Override
  public String toString() {
    return "StoreSettings[stateDir=" + stateDir + ", redis=" + (redisUrl == null ? "unset" : "set") + ", responses=" + responses + "]";
  }
}

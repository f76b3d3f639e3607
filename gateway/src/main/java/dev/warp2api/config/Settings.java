package dev.warp2api.config;

import java.util.Objects;

/**
 * Every setting, read once at start by {@link SettingsLoader} and validated, in small groups so
 * that each component is handed the group it needs. Immutable; no code reads the environment after
 * start-up. {@link #toString()} never shows a secret.
 *
 * @param listen where the gateway listens ({@code W2A_HOST}, {@code W2A_PORT},
 *     {@code W2A_BRIDGE_PORT})
 * @param access client keys and the admin key ({@code API_TOKEN}, {@code W2A_ADMIN_TOKEN})
 * @param upstream where Warp is and how the gateway presents itself ({@code WARP_*},
 *     {@code HTTPS_PROXY})
 * @param pool the credentials and how the pool treats them ({@code WARP_*_TOKEN(S)}, cooldowns,
 *     waits)
 * @param store where state is kept ({@code W2A_STATE_DIR}, {@code W2A_REDIS_URL})
 * @param limits bounds on what clients send and how long they wait ({@code W2A_MAX_BODY_BYTES},
 *     ...)
 * @param translation how client requests become Warp requests (model aliases, system prompt prefix)
 * @param log {@code W2A_LOG_FORMAT}, {@code W2A_VERBOSE}
 */
public record Settings(
    ListenSettings listen,
    AccessSettings access,
    UpstreamSettings upstream,
    PoolSettings pool,
    StoreSettings store,
    ClientLimits limits,
    TranslationSettings translation,
    LogSettings log) {

  public Settings {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(translation, "translation");
    Objects.requireNonNull(log, "log");
  }
}

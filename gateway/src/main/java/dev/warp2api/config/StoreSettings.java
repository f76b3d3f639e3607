package dev.warp2api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where state is kept. {@link #toString()} shows neither the Redis URL (it may carry a password)
 * nor a key.
 *
 * @param stateDir {@code W2A_STATE_DIR}, resolved against the working directory
 * @param redisUrl {@code W2A_REDIS_URL}, or null: the file store alone
 * @param redisPrefix {@code W2A_REDIS_PREFIX}, default {@code w2a:}: the prefix of every Redis key
 * @param secretKey {@code W2A_SECRET_KEY}, 32 bytes, or null (required with Redis): seals the
 *     secrets a store keeps with AES-256-GCM
 * @param previousSecretKey {@code W2A_SECRET_KEY_PREVIOUS}, 32 bytes, or null: still opens what it
 *     sealed while a key is rotated
 * @param responses the bounds of the Responses API's stored responses
 *     ({@code W2A_RESPONSE_STORE_*})
 * @param usageRetention {@code W2A_USAGE_RETENTION}, default 90 days, whole days, at least one: how
 *     long the usage ledger keeps a day's records
 */
public record StoreSettings(
    Path stateDir,
    String redisUrl,
    String redisPrefix,
    byte[] secretKey,
    byte[] previousSecretKey,
    ResponseStoreLimits responses,
    Duration usageRetention) {
  /** The ledger's default retention. */
  public static final Duration DEFAULT_USAGE_RETENTION = Duration.ofDays(90);

  public StoreSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(redisPrefix, "redisPrefix");
    responses = responses == null ? ResponseStoreLimits.DEFAULTS : responses;
    usageRetention = usageRetention == null ? DEFAULT_USAGE_RETENTION : usageRetention;
  }

  public StoreSettings(
      Path stateDir,
      String redisUrl,
      String redisPrefix,
      byte[] secretKey,
      byte[] previousSecretKey,
      ResponseStoreLimits responses) {
    this(stateDir, redisUrl, redisPrefix, secretKey, previousSecretKey, responses, null);
  }

  /** Where state is kept, nothing sealed, with the default bounds of stored responses. */
  public StoreSettings(Path stateDir, String redisUrl) {
    this(stateDir, redisUrl, "w2a:", null, null, ResponseStoreLimits.DEFAULTS);
  }

  @Override
  public String toString() {
    return "StoreSettings[stateDir=" + stateDir + ", redis=" + (redisUrl == null ? "unset" : "set")
        + ", prefix=" + redisPrefix + ", secretKey=" + (secretKey == null ? "unset" : "set")
        + ", responses=" + responses + ", usageRetention=" + usageRetention.toDays() + "d]";
  }
}

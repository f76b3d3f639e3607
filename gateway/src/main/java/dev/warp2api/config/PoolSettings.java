package dev.warp2api.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The credentials and how the pool treats them. {@link #toString()} names credentials, never their
 * secrets.
 *
 * @param credentials {@code WARP_REFRESH_TOKEN}, {@code WARP_PERSONAL_TOKENS},
 *     {@code WARP_SHARED_TOKENS}, {@code WARP_ANONYMOUS_TOKEN}, {@code WARP_JWT}, named and
 *     deduplicated
 * @param order {@code WARP_POOL_ORDER}: the tiers in the order they are tried
 * @param cooldowns how long, and after how many rejections, a credential rests
 * @param maxWait {@code W2A_MAX_WAIT}: the longest a request waits for a credential to recover
 * @param maxConcurrencyPerCredential {@code W2A_MAX_CONCURRENCY_PER_CREDENTIAL}; 0 = unlimited
 * @param affinity {@code W2A_AFFINITY_MAX}, {@code W2A_AFFINITY_IDLE}: the conversations whose
 *     credential is remembered
 */
public record PoolSettings(
    List<CredentialSpec> credentials,
    List<Tier> order,
    Cooldowns cooldowns,
    Duration maxWait,
    int maxConcurrencyPerCredential,
    AffinitySettings affinity) {

  public PoolSettings {
    credentials = List.copyOf(credentials);
    order = List.copyOf(order);
    Objects.requireNonNull(cooldowns, "cooldowns");
    Objects.requireNonNull(maxWait, "maxWait");
    affinity = affinity == null ? AffinitySettings.DEFAULTS : affinity;
  }

  /** These settings with the default conversation affinity. */
  public PoolSettings(
      List<CredentialSpec> credentials,
      List<Tier> order,
      Cooldowns cooldowns,
      Duration maxWait,
      int maxConcurrencyPerCredential) {
    this(credentials, order, cooldowns, maxWait, maxConcurrencyPerCredential, null);
  }

  /**
   * How long, and after how many rejections, a credential rests.
   *
   * @param quotaCooldown {@code W2A_QUOTA_COOLDOWN}: rest after a quota failure whose reset time is
   *     unknown
   * @param quotaPollInterval {@code W2A_QUOTA_POLL_INTERVAL}: the most often a quota is re-read
   * @param min {@code W2A_COOLDOWN_MIN}: floor of overload / rate-limit cooldowns
   * @param max {@code W2A_COOLDOWN_MAX}: cap of overload / rate-limit cooldowns
   * @param authFailures {@code W2A_AUTH_FAILURES}: refresh rejections before a credential is
   *     disabled
   */
  public record Cooldowns(
      Duration quotaCooldown,
      Duration quotaPollInterval,
      Duration min,
      Duration max,
      int authFailures) {}
}

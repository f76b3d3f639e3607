package dev.warp2api.pool;

import dev.warp2api.config.PoolSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The pool's tunables, validated.
 *
 * @param cooldownMin floor of an overload cooldown ({@code W2A_COOLDOWN_MIN})
 * @param cooldownMax cap of an overload cooldown ({@code W2A_COOLDOWN_MAX}); quota resets are not
 *     capped
 * @param quotaCooldown rest after a quota failure when the reset time is unknown
 *     ({@code W2A_QUOTA_COOLDOWN})
 * @param authFailuresBeforeDisable refresh rejections before {@code auth_failed}
 *     ({@code W2A_AUTH_FAILURES})
 * @param maxConcurrencyPerCredential in-flight leases per credential, 0 = unlimited
 * @param quotaPollInterval the most often a quota is re-read ({@code W2A_QUOTA_POLL_INTERVAL})
 */
public record PoolPolicy(
    Duration cooldownMin,
    Duration cooldownMax,
    Duration quotaCooldown,
    int authFailuresBeforeDisable,
    int maxConcurrencyPerCredential,
    Duration quotaPollInterval) {

  /** Consecutive transient failures after which a credential rests for {@link #cooldownMin}. */
  static final int TRANSIENT_FAILURES_BEFORE_REST = 3;

  public PoolPolicy {
    requirePositive(cooldownMin, "cooldownMin");
    requirePositive(cooldownMax, "cooldownMax");
    requirePositive(quotaCooldown, "quotaCooldown");
    requirePositive(quotaPollInterval, "quotaPollInterval");
    if (cooldownMax.compareTo(cooldownMin) < 0) {
      throw new IllegalArgumentException(
          "cooldownMax (" + cooldownMax + ") must be >= cooldownMin (" + cooldownMin + ")");
    }
    if (authFailuresBeforeDisable < 1) {
      throw new IllegalArgumentException(
          "authFailuresBeforeDisable must be >= 1, was " + authFailuresBeforeDisable);
    }
    if (maxConcurrencyPerCredential < 0) {
      throw new IllegalArgumentException(
          "maxConcurrencyPerCredential must be >= 0, was " + maxConcurrencyPerCredential);
    }
  }

  /** The documented defaults: 1s / 1h / 1h / 3 / unlimited / 5m. */
  public static PoolPolicy defaults() {
    return new PoolPolicy(
        Duration.ofSeconds(1),
        Duration.ofHours(1),
        Duration.ofHours(1),
        3,
        0,
        Duration.ofMinutes(5));
  }

  /** The policy named by the settings. */
  public static PoolPolicy from(PoolSettings s) {
    PoolSettings.Cooldowns c = s.cooldowns();
    return new PoolPolicy(
        c.min(),
        c.max(),
        c.quotaCooldown(),
        c.authFailures(),
        s.maxConcurrencyPerCredential(),
        c.quotaPollInterval());
  }

  /** {@code d} clamped to [{@link #cooldownMin}, {@link #cooldownMax}]. */
  Duration clampCooldown(Duration d) {
    if (d.compareTo(cooldownMin) < 0) {
      return cooldownMin;
    }
    return d.compareTo(cooldownMax) > 0 ? cooldownMax : d;
  }

  /**
   * Exponential backoff: min, 2·min, 4·min, ... for the n-th consecutive overload (n >= 1),
   * clamped.
   */
  Duration backoff(int consecutiveOverloads) {
    int shift = Math.min(Math.max(consecutiveOverloads - 1, 0), 30);
    Duration d = cooldownMin.multipliedBy(1L << shift);
    return clampCooldown(d);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}

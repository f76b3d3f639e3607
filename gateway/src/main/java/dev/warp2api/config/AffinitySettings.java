package dev.warp2api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how many conversations the pool remembers the credential of (soft affinity, see
 * docs/POOL.md "Conversation affinity").
 *
 * @param maxEntries most conversations remembered ({@code W2A_AFFINITY_MAX}, default 10,000; 0
 *     turns affinity off: every request is spread round-robin)
 * @param idle a conversation without a turn for this long is forgotten ({@code W2A_AFFINITY_IDLE},
 *     default 1 hour)
 */
public record AffinitySettings(int maxEntries, Duration idle) {
  public static final AffinitySettings DEFAULTS = new AffinitySettings(10_000, Duration.ofHours(1));

  public AffinitySettings {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must not be negative, was " + maxEntries);
    }
    Objects.requireNonNull(idle, "idle");
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("idle must be positive, was " + idle);
    }
  }
}

package dev.warp2api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of the Responses API's stored responses ({@code store: true}).
 *
 * @param maxEntries most responses kept ({@code W2A_RESPONSE_STORE_MAX}, default 1,000)
 * @param maxBytes most bytes of their JSON kept ({@code W2A_RESPONSE_STORE_MAX_BYTES}, default 32
 *     MiB: an eighth of the launcher's 256 MiB heap, since they are held in memory as well as on
 *     disk)
 * @param ttl how long one is kept after it was stored ({@code W2A_RESPONSE_STORE_TTL}, default 30
 *     days, as at OpenAI)
 */
public record ResponseStoreLimits(int maxEntries, long maxBytes, Duration ttl) {
  public static final ResponseStoreLimits DEFAULTS =
      new ResponseStoreLimits(1000, 32L << 20, Duration.ofDays(30));

  public ResponseStoreLimits {
    if (maxEntries < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
    Objects.requireNonNull(ttl, "ttl");
  }
}

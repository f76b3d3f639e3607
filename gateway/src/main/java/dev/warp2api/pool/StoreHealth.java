package dev.warp2api.pool;

import java.time.Instant;

/**
 * What a state store says of itself, for {@code /readyz}'s detail and {@code /metrics}.
 *
 * @param kind {@code file} or {@code redis}
 * @param reachable false while a shared store cannot be reached (the instance serves from what it
 *     knows)
 * @param since when it last became reachable or unreachable, or null
 */
public record StoreHealth(String kind, boolean reachable, Instant since) {
  /** An embedded store, always there. */
  public static final StoreHealth FILE = new StoreHealth("file", true, null);
}

package dev.warp2api.pool;

import java.time.Instant;

/**
 * Whether the pool can take a request now ({@code GET /readyz}).
 *
 * @param available credentials that could be leased now
 * @param cause when none is available, why; else null
 * @param soonestRecovery when none is available, the soonest recovery, or null when unknown
 */
public record Readiness(int available, Acquisition.Cause cause, Instant soonestRecovery) {
  public boolean ready() {
    return available > 0;
  }
}

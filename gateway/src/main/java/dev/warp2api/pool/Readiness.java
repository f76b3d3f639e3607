package dev.warp2api.pool;

import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
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

  /**
   * What a credential's quota running out during an answer means for the client asking again, read
   * after that credential was marked exhausted: another credential can serve (at once, or once a
   * cooldown or a busy slot is over), or none has credit left (every quota used up, or nothing else
   * could serve at all), with the soonest reset when known.
   */
  public Ending.QuotaRanOutAfterOutput afterQuotaRanOut(Instant now) {
    if (ready()) {
      return new Ending.QuotaRanOutAfterOutput(true, 1);
    }
    long seconds =
        soonestRecovery == null ? -1 : GatewayException.secondsUntil(now, soonestRecovery);
    return switch (cause) {
      case COOLING, BUSY, EXCLUDED -> new Ending.QuotaRanOutAfterOutput(true, seconds);
      case QUOTA -> new Ending.QuotaRanOutAfterOutput(false, seconds);
      case AUTH, JWT_EXPIRED, NONE_CONFIGURED -> new Ending.QuotaRanOutAfterOutput(false, -1);
    };
  }
}

package dev.warp2api.pool;

import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import java.time.Instant;
import java.util.Objects;

/** The answer of {@link CredentialPool#acquire}: a lease, or why there is none. */
public sealed interface Acquisition {

  /** A credential was leased; the holder must complete the lease exactly once. */
  record Granted(Lease lease) implements Acquisition {
    public Granted {
      Objects.requireNonNull(lease, "lease");
    }
  }

  /**
   * No credential can take a request now.
   *
   * @param cause why (the cause of the soonest recovery when several apply)
   * @param soonestRecovery when the first credential is expected back, or null when no time is
   *     known
   */
  record Unavailable(Cause cause, Instant soonestRecovery) implements Acquisition {
    public Unavailable {
      Objects.requireNonNull(cause, "cause");
    }

    /** What this means for a client asking {@code now}: see {@link Cause#ending}. */
    public Ending.Failure ending(Instant now) {
      return cause.ending(soonestRecovery, now);
    }
  }

  /** Why no credential could be leased. */
  enum Cause {
    /** Every usable credential's quota is exhausted; recovery at the soonest reset. */
    QUOTA,
    /** Every usable credential is cooling after overload / rate limits. */
    COOLING,
    /** Every credential is auth_failed or disabled; needs {@code pool recover}. */
    AUTH,
    /**
     * Every credential is a {@code WARP_JWT} access token past its {@code exp}: it is never
     * refreshed, so only new settings help (503 saying which).
     */
    JWT_EXPIRED,
    /** Usable credentials exist but all are at {@code W2A_MAX_CONCURRENCY_PER_CREDENTIAL}. */
    BUSY,
    /** Every usable credential was in the caller's exclude set (it already failed this request). */
    EXCLUDED,
    /** No credential is configured at all. */
    NONE_CONFIGURED;

    /**
     * What a pool unavailable for this cause means for a client, the one wording per cause that
     * chat routes and {@code /readyz} show. Quota and cooling say when the soonest credential is
     * back; busy says "in a second" when no time is known, since a lease comes back as soon as a
     * request ends.
     *
     * @param soonestRecovery when the first credential is expected back, or null
     */
    public Ending.Failure ending(Instant soonestRecovery, Instant now) {
      long retryAfter =
          soonestRecovery == null ? -1 : GatewayException.secondsUntil(now, soonestRecovery);
      return switch (this) {
        case QUOTA -> new Ending.QuotaExhausted(retryAfter);
        case COOLING -> new Ending.RateLimited(retryAfter);
        case BUSY -> new Ending.RateLimited(soonestRecovery == null ? 1 : retryAfter);
        case AUTH -> new Ending.CredentialsRejected();
        case JWT_EXPIRED -> new Ending.JwtExpired();
        case NONE_CONFIGURED -> new Ending.NoCredentials();
        case EXCLUDED -> new Ending.UpstreamFailed(0, "every credential failed this request");
      };
    }
  }
}

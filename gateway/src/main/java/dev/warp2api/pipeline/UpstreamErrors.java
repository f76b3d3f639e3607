package dev.warp2api.pipeline;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pool.Acquisition;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import java.time.Instant;

/**
 * The pipeline's failures in both directions: what went wrong upstream (a transport error, an abnormal
 * {@code finished}) as one {@link UpstreamFailure}, and what to tell the client when the call gives up
 * or no credential can serve. Pure functions; messages are safe to show.
 */
final class UpstreamErrors {
  private UpstreamErrors() {}

  /** The client's error when no credential can serve: quota (429), overload (429), or nothing usable (503). */
  static GatewayException unavailable(Acquisition.Unavailable none, Instant now) {
    // A 429 always says when to come back: at the soonest recovery, or in a second when busy.
    long retryAfter = none.soonestRecovery() == null ? (none.cause() == Acquisition.Cause.BUSY ? 1 : -1)
        : GatewayException.secondsUntil(now, none.soonestRecovery());
    return switch (none.cause()) {
      case QUOTA -> new GatewayException(ErrorKind.QUOTA_EXHAUSTED,
          "Every Warp credential's quota is exhausted"
              + (retryAfter > 0 ? "; the soonest resets in " + retryAfter + " s." : "."), null, retryAfter, null);
      case COOLING, BUSY -> new GatewayException(ErrorKind.RATE_LIMITED,
          "Every Warp credential is busy or cooling down after rate limits"
              + (retryAfter > 0 ? "; retry in " + retryAfter + " s." : "."), null, retryAfter, null);
      case AUTH -> new GatewayException(ErrorKind.NO_CREDENTIALS,
          "Warp rejected every configured credential (auth failed or disabled). Check the refresh tokens,"
              + " then run './warp2api pool recover'.", null, retryAfter, null);
      case JWT_EXPIRED -> new GatewayException(ErrorKind.NO_CREDENTIALS,
          "WARP_JWT has expired, and an access token is never refreshed, so no Warp credential can serve. Set"
              + " WARP_REFRESH_TOKEN (or WARP_PERSONAL_TOKENS, WARP_SHARED_TOKENS, WARP_ANONYMOUS_TOKEN) in the"
              + " environment or .env, or replace WARP_JWT with a fresh one, or add a refresh token with"
              + " POST /admin/pool/credentials.");
      case NONE_CONFIGURED -> new GatewayException(ErrorKind.NO_CREDENTIALS, "No Warp credential is configured.");
      case EXCLUDED -> new GatewayException(ErrorKind.UPSTREAM_FAILED,
          "Every Warp credential failed this request.");
    };
  }

  /** What a failed future or stream reported, as one upstream failure kind. */
  static UpstreamFailure failureOf(Throwable t) {
    if (t instanceof UpstreamFailureException u) {
      return u.failure();
    }
    if (t instanceof GatewayException g) {
      return new UpstreamFailure.Transient(g.safeMessage(), false);
    }
    return UpstreamFailure.fromThrowable(t, false);
  }

  /** A {@code finished} with an abnormal reason, as the failure it stands for. */
  static UpstreamFailure failureOf(ChatEvent.Finished f) {
    String detail = f.detail() == null ? "" : ": " + f.detail();
    return switch (f.reason()) {
      case QUOTA_LIMIT -> new UpstreamFailure.QuotaExhausted(null);
      case INVALID_API_KEY -> new UpstreamFailure.BadRequest("Warp ended the turn with invalid_api_key" + detail);
      default -> new UpstreamFailure.Transient(
          "Warp ended the turn with " + f.reason().name().toLowerCase(java.util.Locale.ROOT) + detail, false);
    };
  }

  /**
   * The client's error when the pipeline gives up after {@code attempts} attempts; quota and overload
   * give 429 with the seconds until {@code soonestRecovery} (at least 1) as Retry-After.
   */
  static GatewayException toError(UpstreamFailure failure, int attempts, Instant soonestRecovery, Instant now) {
    long retryAfter = soonestRecovery == null ? 1
        : GatewayException.secondsUntil(now, soonestRecovery);
    return switch (failure) {
      case UpstreamFailure.BadRequest b -> new GatewayException(ErrorKind.UPSTREAM_BAD_REQUEST,
          "Warp rejected the request as malformed: " + b.safeDescription());
      case UpstreamFailure.Transient t when t.timeout() -> new GatewayException(ErrorKind.UPSTREAM_TIMEOUT,
          "Warp did not answer in time (" + attempts + " attempt(s)).");
      case UpstreamFailure.QuotaExhausted q -> new GatewayException(ErrorKind.QUOTA_EXHAUSTED,
          "Warp's quota ran out: " + q.safeDescription(), null, retryAfter, null);
      case UpstreamFailure.Overloaded o -> new GatewayException(ErrorKind.RATE_LIMITED,
          "Warp is overloaded (" + attempts + " attempt(s)); retry in " + retryAfter + " s.", null, retryAfter, null);
      default -> new GatewayException(ErrorKind.UPSTREAM_FAILED,
          "Warp failed after " + attempts + " attempt(s): " + failure.safeDescription());
    };
  }
}

package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import java.time.Instant;

/**
 * Translates between upstream failures and {@link Ending}s: what a failed future or an abnormal
 * {@code finished} stands for as one {@link UpstreamFailure}, and the ending a call that gives up
 * reports. Pure functions; the wording is {@link Ending}'s.
 */
final class UpstreamErrors {
  private UpstreamErrors() {}

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

  /** A turn Warp ended with a failure, as the failed attempt it stands for. */
  static UpstreamFailure failureOf(Ending.TurnFailure ending) {
    return switch (ending) {
      case Ending.QuotaExhausted q -> new UpstreamFailure.QuotaExhausted("the turn ended with quota_limit");
      case Ending.UpstreamRejected r -> new UpstreamFailure.BadRequest(r.detail());
      case Ending.UpstreamFailed f -> new UpstreamFailure.Transient(f.detail(), false);
    };
  }

  /**
   * The ending of a call that gives up after {@code attempts} attempts; quota and overload carry the
   * seconds until {@code soonestRecovery} (at least 1) as Retry-After.
   */
  static Ending.Failure ending(UpstreamFailure failure, int attempts, Instant soonestRecovery, Instant now) {
    long retryAfter = soonestRecovery == null ? 1 : GatewayException.secondsUntil(now, soonestRecovery);
    return switch (failure) {
      case UpstreamFailure.BadRequest b -> new Ending.UpstreamRejected(b.message());
      case UpstreamFailure.Transient t when t.timeout() -> new Ending.UpstreamTimeout(attempts);
      case UpstreamFailure.QuotaExhausted q -> new Ending.QuotaExhausted(retryAfter);
      case UpstreamFailure.Overloaded o -> new Ending.RateLimited(retryAfter);
      case UpstreamFailure.Transient t -> new Ending.UpstreamFailed(attempts, t.safeDescription());
      case UpstreamFailure.AuthRejected a -> new Ending.UpstreamFailed(attempts, a.safeDescription());
      case UpstreamFailure.Unreadable u -> new Ending.UpstreamFailed(attempts, u.safeDescription());
      case UpstreamFailure.DroppedMidStream d -> new Ending.UpstreamFailed(attempts, d.safeDescription());
    };
  }
}

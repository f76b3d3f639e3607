package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.client.UpstreamFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link RetryPolicy} decided, with everything needed to carry it out: how long to wait and
 * what to tell the pool about the credential.
 */
public sealed interface RetryDecision {

  /** What {@link RetryPolicy#afterFailure} may decide. */
  sealed interface AfterFailure extends RetryDecision {}

  /** What {@link RetryPolicy#whenUnavailable} may decide. */
  sealed interface WhenUnavailable extends RetryDecision {}

  /**
   * Refresh the access token and send again on the same credential (Warp rejected a token once).
   */
  record RetrySame() implements AfterFailure {}

  /** Tell the pool {@code blame}, then lease another credential after {@code delay}. */
  record Failover(Duration delay, Blame blame) implements AfterFailure {
    public Failover {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(blame, "blame");
    }
  }

  /**
   * No credential can take the request now, but one will soon: look again after {@code delay}.
   *
   * @param busy every usable credential is at its concurrency cap: the credentials that failed this
   *     call stay excluded; otherwise (a recovery, or every credential failed once) they are tried
   *     again, except those whose token Warp rejected
   */
  record WaitForCredential(Duration delay, boolean busy) implements WhenUnavailable {
    public WaitForCredential {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * Stop after a failed attempt: tell the pool {@code blame}, then end the call with
   * {@link #ending}.
   *
   * @param cause the last attempt's failure
   * @param attempts attempts made, all credentials together
   */
  record GiveUp(Blame blame, UpstreamFailure cause, int attempts)
      implements AfterFailure, WhenUnavailable {
    public GiveUp {
      Objects.requireNonNull(blame, "blame");
      Objects.requireNonNull(cause, "cause");
    }

    /**
     * The call's ending. Quota and overload say when to come back: at {@code soonestRecovery},
     * which the pool knows once the blame is applied (this attempt's credential may be the one
     * recovering soonest), or in a second when it knows no time.
     */
    public Ending.Failure ending(Instant soonestRecovery, Instant now) {
      long retryAfter =
          soonestRecovery == null ? 1 : GatewayException.secondsUntil(now, soonestRecovery);
      return switch (cause) {
        case UpstreamFailure.BadRequest b -> new Ending.UpstreamRejected(b.message());
        case UpstreamFailure.QuotaExhausted q -> new Ending.QuotaExhausted(retryAfter);
        case UpstreamFailure.Overloaded o -> new Ending.RateLimited(retryAfter);
        case UpstreamFailure.Transient t ->
          t.timeout()
              ? new Ending.UpstreamTimeout(attempts)
              : new Ending.UpstreamFailed(attempts, t.safeDescription());
        case UpstreamFailure.AuthRejected a ->
          new Ending.UpstreamFailed(attempts, a.safeDescription());
        case UpstreamFailure.Unreadable u ->
          new Ending.UpstreamFailed(attempts, u.safeDescription());
        case UpstreamFailure.DroppedMidStream d ->
          new Ending.UpstreamFailed(attempts, d.safeDescription());
      };
    }
  }

  /**
   * No credential can take the request, and none will within the wait allowed: end with
   * {@code ending}.
   */
  record Unavailable(Ending.Failure ending) implements WhenUnavailable {
    public Unavailable {
      Objects.requireNonNull(ending, "ending");
    }
  }

  /**
   * The decision's name in metrics and logs ({@code retry_same}, {@code failover}, {@code give_up},
   * ...).
   */
  default String label() {
    return switch (this) {
      case RetrySame r -> "retry_same";
      case Failover f -> "failover";
      case WaitForCredential w -> "wait";
      case GiveUp g -> "give_up";
      case Unavailable u -> "unavailable";
    };
  }
}

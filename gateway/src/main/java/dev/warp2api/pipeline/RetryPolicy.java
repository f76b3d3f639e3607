package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import dev.warp2api.pool.Acquisition;
import dev.warp2api.warp.client.UpstreamFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one place that decides whether a call tries again, when, on which credential, and whom to
 * blame (Armeria's {@code RetryRule}, OkHttp's {@code RetryAndFollowUpInterceptor}). Pure: time
 * comes in as arguments and randomness from the {@link Backoff}s, so every rule is tested without
 * sleeping.
 *
 * <p>After a failed attempt ({@link #afterFailure}):
 *
 * <ul>
 *   <li>quota exhausted: fail over at once (the credential rests until its reset);
 *   <li>overloaded (429 without an error code): fail over after a jittered backoff, to another
 *       credential when one is free, else the pool makes the call wait for the soonest one;
 *   <li>401/403 on a request: refresh the access token and retry the same credential once; then
 *       fail over. A rejected refresh fails over at once (asking again would be rejected too);
 *   <li>5xx, connect errors, timeouts, streams dropped before any output: fail over after backoff;
 *   <li>400 from Warp: give up (the request is wrong; another credential would fail the same way);
 *   <li>an event the gateway cannot read (too large, not a protocol message): give up (any
 *       credential would get the same event, and each try spends quota);
 *   <li>anything after output the client cannot take back: give up;
 *   <li>anything once the call's {@code W2A_UPSTREAM_BUDGET} ran out before content: give up (the
 *       attempt that was running when it ran out fails as {@link #BUDGET_SPENT}).
 * </ul>
 *
 * Every path is bounded by {@link #maxAttempts}. When the pool has no credential
 * ({@link #whenUnavailable}), the call waits for one while the wait stays within {@link #maxWait},
 * else ends with the pool's reason.
 *
 * @param maxAttempts upstream attempts per client request, all credentials together
 * @param backoff delay between attempts after transient failures and overload
 * @param busyRecheck how often a call looks again while every credential is at its concurrency cap:
 *     a growing, jittered interval, so that many waiters do not poll in step
 * @param maxWait the longest a call waits for a credential to come back ({@code W2A_MAX_WAIT})
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Backoff busyRecheck, Duration maxWait) {

  /** The most attempts a call makes, however many credentials the pool holds. */
  private static final int ATTEMPT_CAP = 10;

  public RetryPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(busyRecheck, "busyRecheck");
    Objects.requireNonNull(maxWait, "maxWait");
  }

  /**
   * The policy for a pool of {@code credentialCount}: enough attempts to try every credential once
   * plus a couple of transient retries, bounded so that a broken upstream cannot keep a client
   * waiting through dozens of attempts; a busy pool is looked at again after 20 ms growing to 200
   * ms, so a waiter notices a free credential within a fifth of a second.
   */
  public static RetryPolicy standard(int credentialCount, Duration maxWait) {
    return new RetryPolicy(
        Math.max(3, Math.min(credentialCount + 2, ATTEMPT_CAP)),
        Backoff.standard(),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Math::random),
        maxWait);
  }

  /**
   * This policy for a pool of {@code credentialCount} credentials (it may have grown since
   * start-up).
   */
  public RetryPolicy forCredentials(int credentialCount) {
    int wanted = Math.min(credentialCount + 2, ATTEMPT_CAP);
    return wanted > maxAttempts ? new RetryPolicy(wanted, backoff, busyRecheck, maxWait) : this;
  }

  /**
   * Where a failed attempt stood.
   *
   * @param number attempts made so far, this one included (a failed token refresh counts)
   * @param sameCredentialRetried whether this credential already had its retry after a rejected
   *     token
   * @param duringRefresh whether the failure came from refreshing the access token, not from Warp's
   *     answer
   * @param answerSent whether the client has output of this attempt that cannot be taken back
   * @param budgetSpent whether the call's {@code W2A_UPSTREAM_BUDGET} has run out: no attempt
   *     follows
   */
  public record Attempt(
      int number,
      boolean sameCredentialRetried,
      boolean duringRefresh,
      boolean answerSent,
      boolean budgetSpent) {

    /** An attempt of a call whose budget has not run out. */
    public Attempt(
        int number, boolean sameCredentialRetried, boolean duringRefresh, boolean answerSent) {
      this(number, sameCredentialRetried, duringRefresh, answerSent, false);
    }
  }

  /**
   * What a call's attempt fails with when the call's {@code W2A_UPSTREAM_BUDGET} runs out before
   * any content: a timeout, so the call ends as {@link Ending.UpstreamTimeout}.
   */
  public static final UpstreamFailure BUDGET_SPENT =
      new UpstreamFailure.Transient("no content within W2A_UPSTREAM_BUDGET", true);

  /**
   * The call's {@code W2A_UPSTREAM_BUDGET} ran out while it waited for a credential (no lease is
   * held, so nobody is blamed): give up as a timeout.
   */
  public RetryDecision.GiveUp budgetSpentWhileWaiting(int attempts) {
    return new RetryDecision.GiveUp(Blame.NOT_AT_FAULT, BUDGET_SPENT, attempts);
  }

  /**
   * What to do after {@code failure} ended {@code attempt}: retry the same credential, fail over,
   * or give up.
   */
  public RetryDecision.AfterFailure afterFailure(UpstreamFailure failure, Attempt attempt) {
    Blame blame = blame(failure);
    if (attempt.answerSent() || attempt.budgetSpent()) {
      return new RetryDecision.GiveUp(blame, failure, attempt.number());
    }
    return switch (failure) {
      case UpstreamFailure.BadRequest b ->
        new RetryDecision.GiveUp(blame, failure, attempt.number());
      case UpstreamFailure.Unreadable u ->
        new RetryDecision.GiveUp(blame, failure, attempt.number());
      case UpstreamFailure.AuthRejected a ->
        attempt.sameCredentialRetried() || attempt.duringRefresh()
            ? failover(failure, attempt, Duration.ZERO)
            : new RetryDecision.RetrySame();
      case UpstreamFailure.QuotaExhausted q -> failover(failure, attempt, Duration.ZERO);
      case UpstreamFailure.Overloaded o ->
        failover(failure, attempt, backoff.nextDelay(attempt.number()));
      case UpstreamFailure.Transient t ->
        failover(failure, attempt, backoff.nextDelay(attempt.number()));
      case UpstreamFailure.DroppedMidStream d ->
        failover(failure, attempt, backoff.nextDelay(attempt.number()));
    };
  }

  private RetryDecision.AfterFailure failover(
      UpstreamFailure failure, Attempt attempt, Duration wait) {
    if (attempt.number() >= maxAttempts) {
      return new RetryDecision.GiveUp(blame(failure), failure, attempt.number());
    }
    return new RetryDecision.Failover(wait, blame(failure));
  }

  /** The credential's share of {@code failure}: what the pool is told. */
  public static Blame blame(UpstreamFailure failure) {
    return switch (failure) {
      case UpstreamFailure.QuotaExhausted q -> Blame.QUOTA_EXHAUSTED;
      case UpstreamFailure.Overloaded o -> new Blame.Overloaded(o.retryAfter());
      case UpstreamFailure.AuthRejected a -> Blame.AUTH_REJECTED;
      case UpstreamFailure.BadRequest b -> Blame.NOT_AT_FAULT;
      case UpstreamFailure.Unreadable u -> Blame.NOT_AT_FAULT;
      case UpstreamFailure.Transient t -> Blame.TRANSIENT;
      case UpstreamFailure.DroppedMidStream d -> Blame.TRANSIENT;
    };
  }

  /**
   * A turn Warp ended with a failure, as the failed attempt it stands for: a quota limit fails over
   * like a quota 429, {@code invalid_api_key} gives up like a 400, any other error is retried like
   * a 5xx.
   */
  public static UpstreamFailure failureOf(Ending.TurnFailure ending) {
    return switch (ending) {
      case Ending.QuotaExhausted q ->
        new UpstreamFailure.QuotaExhausted("the turn ended with quota_limit");
      case Ending.UpstreamRejected r -> new UpstreamFailure.BadRequest(r.detail());
      case Ending.UpstreamFailed f -> new UpstreamFailure.Transient(f.detail(), false);
    };
  }

  /**
   * How a call waiting for a credential stands.
   *
   * @param attempts attempts made so far
   * @param lastFailure the last attempt's failure, or null before any
   * @param onlyRejectedLeft whether every credential that failed this call was rejected by Warp
   *     (trying them again would only be rejected again)
   * @param since when the call started waiting (the first unavailable answer since its last lease)
   * @param busyChecks how often it already looked again because every credential was busy
   */
  public record Waiting(
      int attempts,
      UpstreamFailure lastFailure,
      boolean onlyRejectedLeft,
      Instant since,
      int busyChecks) {
    public Waiting {
      Objects.requireNonNull(since, "since");
    }
  }

  /**
   * What to do when the pool has no credential for the call at {@code now}: wait, give up, or
   * report why.
   */
  public RetryDecision.WhenUnavailable whenUnavailable(
      Acquisition.Unavailable none, Waiting waiting, Instant now) {
    Instant deadline = waiting.since().plus(maxWait);
    return switch (none.cause()) {
      case NONE_CONFIGURED -> new RetryDecision.Unavailable(none.ending(now));
      case EXCLUDED -> {
        // Every usable credential already failed this call; try them again while attempts remain.
        UpstreamFailure last = waiting.lastFailure();
        if (last != null && (waiting.attempts() >= maxAttempts || waiting.onlyRejectedLeft())) {
          yield new RetryDecision.GiveUp(Blame.NOT_AT_FAULT, last, waiting.attempts());
        }
        yield new RetryDecision.WaitForCredential(
            atLeastAMillisecond(backoff.nextDelay(waiting.attempts())), false);
      }
      case BUSY ->
        now.isBefore(deadline)
            // A lease comes back as soon as a request ends: look again shortly.
            ? new RetryDecision.WaitForCredential(
                atLeastAMillisecond(busyRecheck.nextDelay(waiting.busyChecks() + 1)), true)
            : new RetryDecision.Unavailable(none.ending(now));
      case QUOTA, COOLING, AUTH, JWT_EXPIRED -> {
        Instant soonest = none.soonestRecovery();
        // Recovery near enough: wait for it instead of failing, then try every credential again.
        yield soonest != null && !soonest.isAfter(deadline)
            ? new RetryDecision.WaitForCredential(
                atLeastAMillisecond(Duration.between(now, soonest)), false)
            : new RetryDecision.Unavailable(none.ending(now));
      }
    };
  }

  /**
   * Vert.x timers take at least a millisecond; a zero wait still goes round the event loop once.
   */
  private static Duration atLeastAMillisecond(Duration wait) {
    return wait.toMillis() < 1 ? Duration.ofMillis(1) : wait;
  }
}

package dev.warp2api.pipeline;

import dev.warp2api.warp.client.UpstreamFailure;

/**
 * Policy as data: what to do after each kind of upstream failure. The only place that decides
 * between retrying, failing over and giving up.
 *
 * <ul>
 *   <li>quota exhausted: fail over at once (the credential rests until its reset);
 *   <li>overloaded (429 without an error code): fail over after a jittered backoff, to another
 *       credential when one is free, else the pool makes us wait for the soonest one;
 *   <li>401/403: refresh the access token and retry the same credential once; then fail over;
 *   <li>5xx, connect errors, timeouts, streams dropped before any output: fail over after backoff;
 *   <li>400 from Warp: give up (the request is wrong; another credential would fail the same way);
 *   <li>an event the gateway cannot read (too large, not a protocol message): give up (any credential
 *       would get the same event, and each try spends quota).
 * </ul>
 * Every path is bounded by {@link #maxAttempts}.
 *
 * @param maxAttempts upstream attempts per client request, all credentials together
 * @param backoff delay between attempts after transient failures and overload
 */
public record RetryPolicy(int maxAttempts, Backoff backoff) {

  public static RetryPolicy standard(int credentialCount) {
    // Enough to try every credential once plus a couple of transient retries, bounded so that a
    // broken upstream cannot keep a client waiting through dozens of attempts.
    return new RetryPolicy(Math.max(3, Math.min(credentialCount + 2, 10)), Backoff.standard());
  }

  /** This policy for a pool of {@code credentialCount} credentials (it may have grown since start-up). */
  public RetryPolicy forCredentials(int credentialCount) {
    int wanted = Math.min(credentialCount + 2, 10);
    return wanted > maxAttempts ? new RetryPolicy(wanted, backoff) : this;
  }

  /**
   * @param failure what went wrong
   * @param attempt how many attempts were made so far (1 after the first)
   * @param sameCredentialRetried whether this credential already had its one auth retry
   */
  public RetryDecision decide(UpstreamFailure failure, int attempt, boolean sameCredentialRetried) {
    if (failure instanceof UpstreamFailure.BadRequest || failure instanceof UpstreamFailure.Unreadable) {
      return RetryDecision.giveUp();
    }
    if (failure instanceof UpstreamFailure.AuthRejected && !sameCredentialRetried) {
      return RetryDecision.retrySame();
    }
    if (attempt >= maxAttempts) {
      return RetryDecision.giveUp();
    }
    if (failure instanceof UpstreamFailure.QuotaExhausted || failure instanceof UpstreamFailure.AuthRejected) {
      return RetryDecision.failover(java.time.Duration.ZERO);
    }
    return RetryDecision.failover(backoff.nextDelay(attempt));
  }
}

package dev.warp2api.pipeline;

import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a failed attempt: asks {@link RetryPolicy} and carries its decision out (try the
 * same credential again with a fresh token, fail over after the decision's wait, or give up),
 * giving the lease the decision's blame. The policy decides; this class only acts. Confined to the
 * call's event loop, as {@link Execution} is.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final Execution call;

  Recovery(Execution call) {
    this.call = call;
  }

  /** The current attempt failed with {@code failure} (it is no longer current). */
  void attemptFailed(UpstreamFailure failure, boolean duringRefresh) {
    boolean answerSent = call.holdBack.attemptFailed();
    HeldLease lease = call.lease;
    RetryDecision.AfterFailure decision = call.policy.afterFailure(
        failure,
        new RetryPolicy.Attempt(
            call.attempts(),
            lease.retriedSameCredential(),
            duringRefresh,
            answerSent,
            call.budget.spent()));
    String credential = lease.name();
    call.pipeline.listener.attemptFailed(
        credential, call.attempts(), failure.getClass().getSimpleName(), decision);
    LOG.debug(
        "event=pipeline.attempt_failed credential={} attempt={} failure={} decision={}",
        credential,
        call.attempts(),
        failure.safeDescription(),
        decision.label());
    switch (decision) {
      case RetryDecision.RetrySame r -> {
        Lease same = lease.retrySameCredential();
        call.pipeline.tokens.invalidate(same);
        call.startAttempt(same);
      }
      case RetryDecision.Failover f -> {
        call.completion.failedOver();
        blame(f.blame(), true);
        call.waiting.acquireAfter(f.delay());
      }
      case RetryDecision.GiveUp g -> {
        blame(g.blame(), true);
        call.giveUp(g);
      }
    }
  }

  /**
   * Gives the lease the outcome {@code blame} stands for; {@code exclude}: not leased again by this
   * call.
   */
  void blame(Blame blame, boolean exclude) {
    CredentialId blamed = call.lease.blame(blame);
    if (blamed != null && exclude) {
      call.waiting.exclude(blamed, blame instanceof Blame.AuthRejected);
    }
  }
}

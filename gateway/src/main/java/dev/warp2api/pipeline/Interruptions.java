package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three ways a call ends from outside its attempts: W2A_UPSTREAM_BUDGET spent before the first
 * content, the client gone, the gateway shutting down. Each stops the credential wait and the
 * current attempt (so what they report back afterwards is ignored) and resets an upstream request
 * still waiting for its head; they differ in what the client and the credential hear. Confined to
 * the call's event loop, as {@link Execution} is.
 */
final class Interruptions {
  private static final Logger LOG = LoggerFactory.getLogger(Interruptions.class);

  private final Execution call;

  Interruptions(Execution call) {
    this.call = call;
  }

  /**
   * The budget ran out: an attempt still before its first content fails as the policy says for a
   * spent budget (blame included); a call still waiting for a credential gives up.
   */
  void budgetRanOut() {
    if (call.completion.done() || call.holdBack.committed()) {
      return; // content flows: only the silence limit applies from here on
    }
    LOG.debug("event=pipeline.budget_spent attempts={}", call.attempts());
    Attempt running = call.attempt();
    if (running != null) {
      running.cancel();
      call.attemptFailed(running, RetryPolicy.BUDGET_SPENT, false);
      call.abandoned.tryComplete();
    } else {
      call.waiting.cancel();
      call.giveUp(call.policy.budgetSpentWhileWaiting(call.attempts()));
    }
  }

  /**
   * Shutdown: the client gets {@code ending} in its dialect (an error event once its stream began)
   * and the credential is released without an outcome.
   */
  void endWith(Ending.Failure ending) {
    if (call.completion.done()) {
      return;
    }
    Attempt current = call.detachAttempt();
    call.waiting.cancel();
    call.fail(ending);
    call.abandoned.tryComplete();
    if (current != null) {
      current.cancel();
    }
  }

  /** The client went away: nothing more is sent to it, and the credential is released. */
  void clientGone() {
    if (call.completion.done()) {
      return;
    }
    // first: what cancelling the upstream reports back is ignored from here on
    call.completion.cancelled();
    call.budget.stop();
    call.abandoned.tryComplete();
    call.waiting.cancel();
    Attempt current = call.attempt();
    if (current != null) {
      current.cancel();
    }
    call.lease.release();
  }
}

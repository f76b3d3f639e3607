package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import dev.warp2api.pool.Conversation;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.UpstreamFailure;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One client request's trip through the pipeline, coordinated here in named steps:
 * CredentialWait (lease a credential, or wait for one) -> Attempt (access token, send, read Warp's stream
 * through the decoder) -> HoldBack (events held until the attempt's first content) -> Completion.
 * After a failed attempt RetryPolicy decides what happens next and whom to blame; this class carries the
 * decision out, HeldLease gives the lease its one outcome, UpstreamBudget bounds the time to first content.
 *
 * Concurrency: confined to the Vert.x context that called Pipeline.execute; every callback (client
 * futures, stream handlers, timers) runs there, so no field needs synchronisation.
 *
 * States: acquiring -> (waiting for a credential) -> authenticating -> sending -> streaming ->
 * done | failed | cancelled. An attempt that fails goes back to acquiring (fail over, maybe after a
 * backoff) or to authenticating (retry the same credential after a 401), as RetryPolicy decides.
 *
 * Invariants: at most one lease is held, and it gets exactly one outcome; at most one attempt is current,
 * and callbacks of any other are ignored; events of an attempt are held back until its first content
 * event (commit), so a failed attempt leaves no trace with the client; after the commit a failure ends
 * the call with an error unless the sink can restart; the sink hears exactly one terminal call.
 */
final class Execution implements PipelineCall {
  private static final Logger LOG = LoggerFactory.getLogger(Execution.class);

  final Pipeline pipeline;
  final Buffer body;
  private final UpstreamSink sink;
  /** The event loop this call is confined to (the one that called Pipeline.execute). */
  final Context context;

  private final RetryPolicy policy;
  private final CredentialWait waiting;
  private final HoldBack holdBack;
  final Completion completion;
  /**
   * Completed when the call is abandoned: resets an upstream request still waiting for its head.
   */
  final Promise<Void> abandoned = Promise.promise();

  private final HeldLease lease;
  private final UpstreamBudget budget;
  private Attempt attempt;
  private int attempts;
  private UpstreamFailure lastFailure;

  private final UsageTally tally = new UsageTally();

  Execution(
      Pipeline pipeline,
      Buffer body,
      UpstreamSink sink,
      CallLabel label,
      Conversation conversation) {
    this.pipeline = pipeline;
    this.body = body;
    this.sink = sink;
    this.context = pipeline.vertx.getOrCreateContext();
    this.policy = pipeline.policy.forCredentials(pipeline.pool.ids().size());
    this.waiting = new CredentialWait(this, policy, pipeline.affinity.preferred(conversation));
    this.holdBack = new HoldBack(sink, pipeline.listener, pipeline.clock, tally);
    this.completion = new Completion(pipeline, sink, holdBack, label, tally, conversation);
    this.lease = new HeldLease(pipeline.quotaReader);
    this.budget = new UpstreamBudget(pipeline.vertx, pipeline.budget);
  }

  void start() {
    pipeline.running.add(this);
    completion.whenDone(() -> pipeline.running.remove(this));
    budget.start(this::budgetRanOut);
    waiting.acquire();
  }

  /** W2A_UPSTREAM_BUDGET has passed since the call started. */
  private void budgetRanOut() {
    if (completion.done() || holdBack.committed()) {
      return; // content flows: only the silence limit applies from here on
    }
    LOG.debug("event=pipeline.budget_spent attempts={}", attempts);
    Attempt running = attempt;
    if (running != null) {
      running.cancel();
      attemptFailed(running, RetryPolicy.BUDGET_SPENT, false);
      // The call has ended: a request still waiting for its head is reset too (what that reports
      // back is ignored now).
      abandoned.tryComplete();
    } else {
      waiting.cancel();
      giveUp(policy.budgetSpentWhileWaiting(attempts));
    }
  }

  /**
   * Ends the call with {@code ending} if it is still running (shutdown): the upstream request is
   * reset, the credential released without an outcome, and the client gets the error in its dialect
   * (an error event when its stream had begun).
   */
  void endWith(Ending.Failure ending) {
    if (completion.done()) {
      return;
    }
    Attempt current = attempt;
    attempt = null; // what cancelling it reports back is ignored
    waiting.cancel();
    fail(ending);
    abandoned.tryComplete();
    if (current != null) {
      current.cancel();
    }
  }

  @Override
  public void cancel() {
    if (completion.done()) {
      return;
    }
    // first: what cancelling the upstream reports back is ignored from here on
    completion.cancelled();
    budget.stop();
    abandoned.tryComplete();
    waiting.cancel();
    if (attempt != null) {
      attempt.cancel();
    }
    lease.release();
  }

  // ---- what the steps share ------------------------------------------------------------------

  boolean isCurrent(Attempt a) {
    return !completion.done() && attempt == a;
  }

  int attempts() {
    return attempts;
  }

  int countAttempt() {
    return ++attempts;
  }

  UpstreamFailure lastFailure() {
    return lastFailure;
  }

  // ---- attempts and the policy's decisions ---------------------------------------------------

  /** CredentialWait leased a credential: try it. */
  void leased(Lease granted) {
    lease.hold(granted);
    attempt = new Attempt(this, granted, holdBack, sink);
    attempt.start();
  }

  void attemptFailed(Attempt failed, UpstreamFailure failure, boolean duringRefresh) {
    if (!isCurrent(failed)) {
      return;
    }
    attempt = null;
    boolean answerSent = holdBack.attemptFailed();
    lastFailure = failure;
    RetryDecision.AfterFailure decision = policy.afterFailure(
        failure,
        new RetryPolicy.Attempt(
            attempts, lease.retriedSameCredential(), duringRefresh, answerSent, budget.spent()));
    String credential = lease.name();
    pipeline.listener.attemptFailed(
        credential, attempts, failure.getClass().getSimpleName(), decision);
    LOG.debug(
        "event=pipeline.attempt_failed credential={} attempt={} failure={} decision={}",
        credential,
        attempts,
        failure.safeDescription(),
        decision.label());
    switch (decision) {
      case RetryDecision.RetrySame r -> {
        Lease same = lease.retrySameCredential();
        pipeline.tokens.invalidate(same);
        attempt = new Attempt(this, same, holdBack, sink);
        attempt.start();
      }
      case RetryDecision.Failover f -> {
        completion.failedOver();
        blame(f.blame(), true);
        waiting.acquireAfter(f.delay());
      }
      case RetryDecision.GiveUp g -> {
        blame(g.blame(), true);
        giveUp(g);
      }
    }
  }

  /** Warp's quota ran out after output: the answer stands, and the credential rests from now on. */
  void quotaRanOutAfterOutput(Attempt current) {
    if (isCurrent(current)) {
      blame(Blame.QUOTA_EXHAUSTED, false);
    }
  }

  /**
   * Gives the lease the outcome {@code blame} stands for; {@code exclude}: not leased again by this
   * call.
   */
  private void blame(Blame blame, boolean exclude) {
    CredentialId blamed = lease.blame(blame);
    if (blamed != null && exclude) {
      waiting.exclude(blamed, blame instanceof Blame.AuthRejected);
    }
  }

  // ---- completion ----------------------------------------------------------------------------

  void attemptSucceeded(Attempt done) {
    if (isCurrent(done)) {
      attempt = null;
      budget.stop();
      completion.succeed(lease.serve());
    }
  }

  /**
   * Ends the call after its last attempt failed; the pool, told the blame, knows when a credential
   * is back.
   */
  void giveUp(RetryDecision.GiveUp decision) {
    fail(decision.ending(pipeline.pool.readiness().soonestRecovery(), pipeline.clock.instant()));
  }

  void fail(Ending.Failure ending) {
    if (!completion.done()) {
      lease.release();
      budget.stop();
      completion.fail(ending);
    }
  }
}

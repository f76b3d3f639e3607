package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import dev.warp2api.pool.Conversation;
import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.UpstreamFailure;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/*
 * One client request's trip through the pipeline, coordinated here in named steps:
 * CredentialWait (lease a credential, or wait for one) -> Attempt (access token, send, read Warp's stream
 * through the decoder) -> HoldBack (events held until the attempt's first content) -> Completion;
 * Interruptions ends a call from outside its attempts (budget spent, client gone, shutdown).
 * After a failed attempt RetryPolicy decides what happens next and whom to blame; Recovery carries the
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
  final Pipeline pipeline;
  final Buffer body;
  private final UpstreamSink sink;
  /** The event loop this call is confined to (the one that called Pipeline.execute). */
  final Context context;

  final RetryPolicy policy;
  final CredentialWait waiting;
  final HoldBack holdBack;
  final Completion completion;
  /**
   * Completed when the call is abandoned: resets an upstream request still waiting for its head.
   */
  final Promise<Void> abandoned = Promise.promise();

  final HeldLease lease;
  final UpstreamBudget budget;
  private final Interruptions interruptions = new Interruptions(this);
  private final Recovery recovery = new Recovery(this);
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
    budget.start(interruptions::budgetRanOut);
    waiting.acquire();
  }

  /** Shutdown: ends the call with {@code ending} if it is still running. */
  void endWith(Ending.Failure ending) {
    interruptions.endWith(ending);
  }

  @Override
  public void cancel() {
    interruptions.clientGone();
  }

  // ---- what the steps share ------------------------------------------------------------------

  boolean isCurrent(Attempt a) {
    return !completion.done() && attempt == a;
  }

  /** The current attempt, no longer current: what it reports back from now on is ignored. */
  Attempt detachAttempt() {
    Attempt current = attempt;
    attempt = null;
    return current;
  }

  /** The current attempt (null while none runs). */
  Attempt attempt() {
    return attempt;
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
    startAttempt(granted);
  }

  /** Tries {@code leased}'s credential; the new attempt is the current one. */
  void startAttempt(Lease leased) {
    attempt = new Attempt(this, leased, holdBack, sink);
    attempt.start();
  }

  /** An attempt failed: {@link Recovery} carries out what the policy decides. */
  void attemptFailed(Attempt failed, UpstreamFailure failure, boolean duringRefresh) {
    if (isCurrent(failed)) {
      attempt = null;
      lastFailure = failure;
      recovery.attemptFailed(failure, duringRefresh);
    }
  }

  /**
   * Warp's quota ran out after output: the answer stands, and the credential rests from now on.
   *
   * @return what that means for the client asking again, as the pool sees it once the credential
   *     rests
   */
  Ending.QuotaRanOutAfterOutput quotaRanOutAfterOutput(Attempt current) {
    if (!isCurrent(current)) {
      return Ending.QUOTA_RAN_OUT_AFTER_OUTPUT;
    }
    recovery.blame(Blame.QUOTA_EXHAUSTED, false);
    return pipeline.pool.readiness().afterQuotaRanOut(pipeline.clock.instant());
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

package dev.warp2api.pipeline;

import dev.warp2api.pool.Acquisition;
import dev.warp2api.pool.CredentialId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Waiting for a credential: asks the pool for a lease, leaving out the credentials that already
 * failed this call, and when none is free carries out {@link RetryPolicy#whenUnavailable} (look
 * again after a wait, give up, or end with the pool's reason). Owns the call's one timer. Confined
 * to the call's event loop.
 */
final class CredentialWait {
  private final Execution call;
  private final Pipeline p;
  private final RetryPolicy policy;
  /** The credential that served the conversation's last turn (the pool's hint), or null. */
  private final CredentialId preferred;
  /** Credentials that failed this call: not leased again while others can serve. */
  private final Set<CredentialId> excluded = new HashSet<>();
  /** Credentials whose token Warp rejected during this call: never tried again by it. */
  private final Set<CredentialId> rejected = new HashSet<>();
  /** When the current wait began (the first unavailable answer since the last lease), or null. */
  private Instant since;

  private int busyChecks;
  private long timerId = -1;

  CredentialWait(Execution call, RetryPolicy policy, CredentialId preferred) {
    this.call = call;
    this.p = call.pipeline;
    this.policy = policy;
    this.preferred = preferred;
  }

  /**
   * Leases a credential now, handing it to the call, or decides how to wait for one. The pool
   * answers at once unless the concurrency cap is shared through Redis (then within about 50 ms);
   * its answer is handled on the call's event loop.
   */
  void acquire() {
    if (call.completion.done()) {
      return;
    }
    Future<Acquisition> answer = p.pool.lease(Set.copyOf(excluded), preferred);
    if (answer.isComplete()) {
      answered(answer.result());
      return;
    }
    Context here = p.vertx.getOrCreateContext();
    answer.onComplete(ar -> here.runOnContext(v ->
        answered(ar.succeeded() ? ar.result() : p.pool.acquire(Set.copyOf(excluded), preferred))));
  }

  private void answered(Acquisition acquisition) {
    switch (acquisition) {
      case Acquisition.Granted granted -> {
        if (call.completion.done()) { // ended (cancelled) while the pool answered
          granted.lease().released();
          return;
        }
        since = null; // a later wait (after this attempt fails) gets its own W2A_MAX_WAIT
        busyChecks = 0;
        call.leased(granted.lease());
      }
      case Acquisition.Unavailable none -> {
        if (!call.completion.done()) {
          unavailable(none);
        }
      }
    }
  }

  private void unavailable(Acquisition.Unavailable none) {
    Instant now = p.clock.instant();
    if (since == null) {
      since = now;
    }
    RetryPolicy.Waiting waiting = new RetryPolicy.Waiting(
        call.attempts(), call.lastFailure(), rejected.containsAll(excluded), since, busyChecks);
    switch (policy.whenUnavailable(none, waiting, now)) {
      case RetryDecision.WaitForCredential w -> {
        if (w.busy()) {
          busyChecks++;
        } else {
          excluded.retainAll(rejected); // those Warp rejected would only be rejected again
        }
        acquireAfter(w.delay());
      }
      case RetryDecision.GiveUp g -> call.giveUp(g);
      case RetryDecision.Unavailable u -> call.fail(u.ending());
    }
  }

  /** Leases again after {@code wait} (at once when zero). */
  void acquireAfter(Duration wait) {
    if (wait.isZero()) {
      acquire();
      return;
    }
    timerId = p.vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
      timerId = -1;
      acquire();
    });
  }

  /** {@code id} failed this call: lease others first; never again when Warp rejected its token. */
  void exclude(CredentialId id, boolean rejectedByWarp) {
    excluded.add(id);
    if (rejectedByWarp) {
      rejected.add(id);
    }
  }

  void cancel() {
    if (timerId >= 0) {
      p.vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}

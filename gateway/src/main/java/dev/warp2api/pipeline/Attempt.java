package dev.warp2api.pipeline;

import dev.warp2api.core.GatewayException;
import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.AccessToken;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import dev.warp2api.warp.client.UpstreamResponse;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt on one leased credential: get an access token, send the request, and hand Warp's
 * stream to an {@link AttemptStream}, which reads it into the {@link HoldBack}. It reports how it
 * ended to its {@link Execution} exactly once (succeeded or failed); callbacks that arrive after
 * the call moved on (a newer attempt, a cancel) are ignored. Confined to the call's event loop.
 */
final class Attempt {
  private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

  private final Execution call;
  private final Pipeline p;
  private final Lease lease;
  private final HoldBack holdBack;
  private final UpstreamSink sink;
  private UpstreamResponse upstream;

  Attempt(Execution call, Lease lease, HoldBack holdBack, UpstreamSink sink) {
    this.call = call;
    this.p = call.pipeline;
    this.lease = lease;
    this.holdBack = holdBack;
    this.sink = sink;
  }

  Lease lease() {
    return lease;
  }

  /** Gets an access token (cached, or one refresh shared with other calls), then sends. */
  void start() {
    p.tokens
        .get(lease)
        .onComplete(ar -> onContext(() -> {
          if (!call.isCurrent(this)) {
            return;
          }
          if (ar.succeeded()) {
            send(ar.result());
            return;
          }
          call.countAttempt(); // a failed refresh is an attempt too: the attempt limit and the
          // backoff apply
          call.attemptFailed(this, failureOf(ar.cause()), true);
        }));
  }

  /** Resets the upstream stream, if one is open; the call no longer listens. */
  void cancel() {
    UpstreamResponse open = upstream;
    upstream = null;
    if (open != null) {
      open.cancel();
    }
  }

  private void send(AccessToken token) {
    int attempt = call.countAttempt();
    call.completion.upstreamSent(lease.credential().name());
    p.listener.upstreamRequestSent(
        lease.credential().name(), attempt, call.completion.sinceStart());
    p.client
        .send(call.body, token.value(), call.abandoned.future())
        .onComplete(ar -> onContext(() -> {
          if (!call.isCurrent(this)) {
            if (ar.succeeded()) {
              ar.result().cancel();
            }
            return;
          }
          if (ar.succeeded()) {
            read(ar.result());
          } else {
            call.attemptFailed(this, failureOf(ar.cause()), false);
          }
        }));
  }

  private void read(UpstreamResponse response) {
    upstream = response;
    call.completion.opened();
    new AttemptStream(this, call, response, holdBack, sink, p.maxEventBytes).listen();
  }

  /** Whether {@code response} is still this attempt's open stream and the call still listens. */
  boolean reading(UpstreamResponse response) {
    return upstream == response && call.isCurrent(this);
  }

  /** The stream ended by itself (finished, cut, failed): nothing is left to reset. */
  void streamClosed() {
    upstream = null;
  }

  /**
   * Runs {@code step} on the call's event loop. Futures shared between calls (a token refresh that
   * several requests joined) complete on whichever loop finished them; every callback comes back
   * here.
   */
  private void onContext(Runnable step) {
    if (Vertx.currentContext() == call.context) {
      step.run();
    } else {
      call.context.runOnContext(v -> step.run());
    }
  }

  /** What a failed future reported, as one upstream failure kind. */
  private static UpstreamFailure failureOf(Throwable t) {
    if (t instanceof UpstreamFailureException u) {
      return u.failure();
    }
    if (t instanceof GatewayException g) {
      return new UpstreamFailure.Transient(g.safeMessage(), false);
    }
    return UpstreamFailure.fromThrowable(t, false);
  }
}

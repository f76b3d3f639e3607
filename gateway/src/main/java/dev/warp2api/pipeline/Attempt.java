package dev.warp2api.pipeline;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.AccessToken;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import dev.warp2api.warp.client.UpstreamResponse;
import dev.warp2api.warp.protocol.ResponseStreamDecoder;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt on one leased credential: get an access token, send the request, read Warp's stream
 * through the {@link ResponseStreamDecoder} into the {@link HoldBack}. It reports how it ended to
 * its {@link Execution} exactly once (succeeded or failed); callbacks that arrive after the call
 * moved on (a newer attempt, a cancel) are ignored. Confined to the call's event loop.
 */
final class Attempt {
  private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

  private final Execution call;
  private final Pipeline p;
  private final Lease lease;
  private final HoldBack holdBack;
  private final UpstreamSink sink;
  /** This attempt's handler, made once rather than once per chunk. */
  private final ResponseStreamDecoder.EventHandler onEvent = this::onEvent;

  private UpstreamResponse upstream;
  private boolean finished;

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
    ResponseStreamDecoder decoder =
        new ResponseStreamDecoder(p.maxEventBytes, holdBack.wantsRawEvents());
    response.exceptionHandler(t -> {
      if (upstream == response && call.isCurrent(this)) {
        upstream = null;
        call.attemptFailed(
            this,
            t instanceof UpstreamFailureException u
                ? u.failure()
                : UpstreamFailure.fromThrowable(t, true),
            false);
      }
    });
    response.handler(chunk -> {
      if (upstream != response || !call.isCurrent(this)) {
        return;
      }
      holdBack.upstreamBytes();
      try {
        if (!decoder.feed(chunk, onEvent)) {
          return;
        }
        sink.onBatchEnd(); // one client write for everything this chunk produced
        if (sink.writeQueueFull()) {
          response.pause();
          sink.onDrain(response::resume);
        }
      } catch (RuntimeException e) {
        cancel();
        call.attemptFailed(
            this,
            new UpstreamFailure.Unreadable("Warp sent an event the gateway could not read"),
            false);
      }
    });
    response.endHandler(v -> {
      if (upstream != response || !call.isCurrent(this)) {
        return;
      }
      try {
        if (!decoder.finish(onEvent)) {
          return;
        }
      } catch (RuntimeException e) {
        // fall through: a trailing fragment that cannot be read counts as a cut stream below
      }
      upstream = null;
      if (finished) {
        call.attemptSucceeded(this);
      } else {
        call.attemptFailed(
            this,
            new UpstreamFailure.DroppedMidStream(
                "Warp closed the stream before the answer finished"),
            false);
      }
    });
  }

  /** One decoded event; false when the attempt ended because of it. */
  private boolean onEvent(ResponseEvent raw, List<ChatEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      ChatEvent e = events.get(i);
      if (e instanceof ChatEvent.Finished f) {
        finished = true;
        switch (Ending.of(f.reason(), holdBack.committed(), false)) {
          case Ending.TurnFailure failure -> {
            // A failure dressed as a finish: the attempt failed (and before any output, nothing
            // shows).
            LOG.debug(
                "event=pipeline.turn_failed credential={} reason={} detail={}",
                lease.credential().name(),
                f.reason(),
                f.detail());
            cancel();
            if (holdBack.committed()) {
              holdBack.deliver(raw, events.subList(0, i));
            }
            call.attemptFailed(this, RetryPolicy.failureOf(failure), false);
            return false;
          }
          case Ending.Normal normal -> {
            if (normal instanceof Ending.QuotaRanOutAfterOutput) {
              call.quotaRanOutAfterOutput(this); // the answer stands, and the account rests
            }
          }
        }
      } else if (!holdBack.committed() && HoldBack.isContent(e)) {
        holdBack.commit();
      }
    }
    holdBack.deliver(raw, events);
    return true;
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

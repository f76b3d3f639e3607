package dev.warp2api.pipeline;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pool.Acquisition;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.AccessToken;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import dev.warp2api.warp.client.UpstreamResponse;
import dev.warp2api.warp.protocol.EventPayloads;
import dev.warp2api.warp.protocol.EventTranslator;
import dev.warp2api.warp.protocol.EventView;
import dev.warp2api.warp.protocol.SseEventReader;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One client request's trip through the pipeline.
 *
 * Concurrency: confined to the Vert.x context that called Pipeline.execute; every callback (client
 * futures, stream handlers, timers) runs there, so no field needs synchronisation.
 *
 * States: acquiring -> (waiting for a credential) -> authenticating -> sending -> streaming ->
 * done | failed | cancelled. An attempt that fails goes back to acquiring (fail over, maybe after a
 * backoff) or to authenticating (retry the same credential after a 401), as RetryPolicy decides.
 *
 * Invariants: at most one lease is held, and it gets exactly one outcome; events of an attempt are held
 * back until its first content event (commit), so a failed attempt leaves no trace with the client;
 * after the commit a failure ends the call with an error unless the sink can restart; the sink hears
 * exactly one terminal call.
 */
final class Execution implements PipelineCall {
  private static final Logger LOG = LoggerFactory.getLogger(Execution.class);

  /** How often a call waiting for a credential at its concurrency cap looks again. */
  private static final long BUSY_RECHECK_MS = 20;
  /** ... growing to at most this, so a waiter notices a free credential within a fifth of a second. */
  private static final long BUSY_RECHECK_MAX_MS = 200;

  private final Pipeline p;
  private final Buffer body;
  private final UpstreamSink sink;
  private final Instant started;
  private final Set<CredentialId> excluded = new HashSet<>();
  /** Credentials whose token Warp rejected during this call: never tried again by it. */
  private final Set<CredentialId> rejected = new HashSet<>();
  private final List<Held> held = new ArrayList<>();

  private int attempts;
  private Lease lease;
  private boolean authRetried;
  private UpstreamResponse upstream;
  private long timerId = -1;
  private boolean opened;
  private boolean committed;
  private boolean terminated;
  private Instant firstUpstreamByte;
  private Instant waitStarted;
  private UpstreamFailure lastFailure;
  private int busyChecks;

  /** Completed when the call is abandoned: resets an upstream request still waiting for its head. */
  private final Promise<Void> abandoned = Promise.promise();
  /** The event loop this call is confined to (the one that called Pipeline.execute). */
  private final Context context;
  private final RetryPolicy policy;

  private record Held(ResponseEvent raw, List<ChatEvent> events) {}

  Execution(Pipeline pipeline, Buffer body, UpstreamSink sink) {
    this.p = pipeline;
    this.body = body;
    this.sink = sink;
    this.started = pipeline.clock.instant();
    this.context = pipeline.vertx.getOrCreateContext();
    this.policy = pipeline.policy.forCredentials(pipeline.pool.ids().size());
  }

  /**
   * Runs {@code step} on this call's event loop. Futures shared between calls (a token refresh that
   * several requests joined) complete on whichever loop finished them; every callback comes back here.
   */
  private void onContext(Runnable step) {
    if (Vertx.currentContext() == context) {
      step.run();
    } else {
      context.runOnContext(v -> step.run());
    }
  }

  void start() {
    acquire();
  }

  @Override
  public void cancel() {
    if (terminated) {
      return;
    }
    terminated = true;
    abandoned.tryComplete();
    if (timerId >= 0) {
      p.vertx.cancelTimer(timerId);
    }
    if (upstream != null) {
      upstream.cancel();
    }
    if (lease != null) {
      lease.released();
      lease = null;
    }
    p.listener.finished("cancelled", Duration.between(started, p.clock.instant()));
  }

  // ---- acquiring ----------------------------------------------------------------------------

  private void acquire() {
    if (terminated) {
      return;
    }
    Acquisition acquisition = p.pool.acquire(Set.copyOf(excluded));
    if (acquisition instanceof Acquisition.Granted granted) {
      waitStarted = null; // a later wait (after this attempt fails) gets its own W2A_MAX_WAIT
      busyChecks = 0;
      lease = granted.lease();
      authRetried = false;
      authenticate();
      return;
    }
    Acquisition.Unavailable none = (Acquisition.Unavailable) acquisition;
    Instant now = p.clock.instant();
    if (none.cause() == Acquisition.Cause.NONE_CONFIGURED) {
      fail(none.ending(now).error());
      return;
    }
    if (none.cause() == Acquisition.Cause.EXCLUDED) {
      // Every usable credential already failed this request; try them again while attempts remain,
      // except those Warp rejected (their next refresh would be rejected too and cost another failure).
      if (lastFailure != null && (attempts >= policy.maxAttempts() || rejected.containsAll(excluded))) {
        giveUp(lastFailure);
        return;
      }
      excluded.retainAll(rejected);
      timerId = p.vertx.setTimer(Math.max(1, policy.backoff().nextDelay(attempts).toMillis()), id -> {
        timerId = -1;
        acquire();
      });
      return;
    }
    Instant soonest = none.soonestRecovery();
    if (waitStarted == null) {
      waitStarted = now;
    }
    if (none.cause() == Acquisition.Cause.BUSY && now.isBefore(waitStarted.plus(p.maxWait))) {
      // Every usable credential is at its concurrency cap: a lease comes back soon; look again shortly.
      // Look again after a growing, jittered interval, so that many waiters do not poll in step.
      long delay = Math.min(BUSY_RECHECK_MAX_MS, BUSY_RECHECK_MS << Math.min(busyChecks++, 4));
      delay = delay / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      timerId = p.vertx.setTimer(Math.max(1, delay), id -> {
        timerId = -1;
        acquire();
      });
      return;
    }
    if (soonest != null && !soonest.isAfter(waitStarted.plus(p.maxWait))) {
      // Recovery is near enough: wait for it instead of failing, then try every credential again.
      long delayMs = Math.max(1, Duration.between(now, soonest).toMillis());
      excluded.retainAll(rejected);
      timerId = p.vertx.setTimer(delayMs, id -> {
        timerId = -1;
        acquire();
      });
      return;
    }
    fail(none.ending(now).error());
  }

  // ---- authenticating and sending -----------------------------------------------------------

  private void authenticate() {
    Lease current = lease;
    p.tokens.get(current).onComplete(ar -> onContext(() -> {
      if (terminated || lease != current) {
        return;
      }
      if (ar.succeeded()) {
        send(ar.result());
        return;
      }
      attempts++; // a failed refresh is an attempt too: the attempt limit and the backoff apply
      UpstreamFailure failure = UpstreamErrors.failureOf(ar.cause());
      if (failure instanceof UpstreamFailure.AuthRejected) {
        authRetried = true; // the refresh itself was rejected: asking again would be rejected too
      }
      attemptFailed(failure);
    }));
  }

  private void send(AccessToken token) {
    Lease current = lease;
    attempts++;
    p.listener.upstreamRequestSent(current.credential().name(), attempts, Duration.between(started, p.clock.instant()));
    p.client.send(body, token.value(), abandoned.future()).onComplete(ar -> onContext(() -> {
      if (terminated || lease != current) {
        if (ar.succeeded()) {
          ar.result().cancel();
        }
        return;
      }
      if (ar.succeeded()) {
        stream(ar.result());
      } else {
        attemptFailed(UpstreamErrors.failureOf(ar.cause()));
      }
    }));
  }

  // ---- streaming ----------------------------------------------------------------------------

  private void stream(UpstreamResponse response) {
    upstream = response;
    if (!opened) {
      opened = true;
      sink.onOpen();
    }
    SseEventReader reader = new SseEventReader(p.maxEventBytes);
    EventTranslator translator = new EventTranslator();
    boolean rawEvents = sink.wantsRawEvents();
    boolean[] finished = {false};
    response.exceptionHandler(t -> {
      if (upstream == response && !terminated) {
        upstream = null;
        attemptFailed(t instanceof UpstreamFailureException u ? u.failure() : UpstreamFailure.fromThrowable(t, true));
      }
    });
    response.handler(chunk -> {
      if (upstream != response || terminated) {
        return;
      }
      if (firstUpstreamByte == null) {
        firstUpstreamByte = p.clock.instant();
      }
      try {
        for (String payload : reader.feed(chunk)) {
          if (!onPayload(response, translator, payload, rawEvents, finished)) {
            return;
          }
        }
        sink.onBatchEnd(); // one client write for everything this chunk produced
        if (sink.writeQueueFull()) {
          response.pause();
          sink.onDrain(response::resume);
        }
      } catch (RuntimeException e) {
        response.cancel();
        upstream = null;
        attemptFailed(new UpstreamFailure.Unreadable("Warp sent an event the gateway could not read"));
      }
    });
    response.endHandler(v -> {
      if (upstream != response || terminated) {
        return;
      }
      try {
        for (String payload : reader.finish()) {
          if (!onPayload(response, translator, payload, rawEvents, finished)) {
            return;
          }
        }
      } catch (RuntimeException e) {
        // fall through: a trailing fragment that cannot be read counts as a cut stream below
      }
      upstream = null;
      if (finished[0]) {
        succeed();
      } else {
        attemptFailed(new UpstreamFailure.DroppedMidStream("Warp closed the stream before the answer finished"));
      }
    });
  }

  /**
   * Handles one event payload; false when the attempt ended because of it. The full protobuf event is
   * built only for a sink that wants it ({@code raw} is null otherwise).
   */
  private boolean onPayload(UpstreamResponse response, EventTranslator translator, String payload,
      boolean rawEvents, boolean[] finished) {
    byte[] bytes = EventPayloads.bytes(payload);
    List<ChatEvent> events = translator.translate(EventView.parse(bytes));
    ResponseEvent raw = rawEvents ? EventPayloads.parse(bytes) : null;
    for (ChatEvent e : events) {
      if (e instanceof ChatEvent.Finished f) {
        finished[0] = true;
        Ending.Finish ending = Ending.of(f.reason(), committed, false);
        if (ending instanceof Ending.TurnFailure failure) {
          // An upstream failure dressed as a finish: before any output it is a failed attempt.
          response.cancel();
          upstream = null;
          if (committed) {
            deliver(raw, events.subList(0, events.indexOf(e)));
          }
          attemptFailed(UpstreamErrors.failureOf(failure));
          return false;
        }
        if (ending instanceof Ending.QuotaRanOutAfterOutput) {
          // Output was sent, so the answer ends here (as max tokens) and the account rests.
          lease.quotaExhausted(null);
          p.quotaReader.readSoon(lease.credential().id());
          lease = null;
        }
      } else if (!committed && isContent(e)) {
        commit();
      }
    }
    deliver(raw, events);
    return true;
  }

  private static boolean isContent(ChatEvent e) {
    return e instanceof ChatEvent.TextDelta || e instanceof ChatEvent.ReasoningDelta
        || e instanceof ChatEvent.ToolCallEvent;
  }

  private void commit() {
    committed = true;
    if (firstUpstreamByte != null) {
      p.listener.firstClientByte(Duration.between(firstUpstreamByte, p.clock.instant()));
    }
    for (Held h : held) {
      sink.onEvent(h.raw(), h.events());
    }
    held.clear();
  }

  private void deliver(ResponseEvent raw, List<ChatEvent> events) {
    if (committed) {
      sink.onEvent(raw, events);
    } else {
      held.add(new Held(raw, events));
    }
  }

  private void succeed() {
    if (!committed) {
      commit(); // an answer without content (e.g. an empty reply) is still an answer
    }
    if (lease != null) {
      lease.succeeded();
      if (p.pool.quotaReadDue(lease.credential().id(), p.clock.instant())) {
        p.quotaReader.readSoon(lease.credential().id());
      }
      lease = null;
    }
    terminated = true;
    sink.onEnd();
    p.listener.finished("ok", Duration.between(started, p.clock.instant()));
  }

  // ---- failures -----------------------------------------------------------------------------

  private void attemptFailed(UpstreamFailure failure) {
    if (terminated) {
      return;
    }
    if (committed) {
      if (!sink.restartable()) {
        completeLease(failure);
        giveUp(failure);
        return;
      }
      sink.restart();
      committed = false;
    }
    held.clear();
    lastFailure = failure;
    RetryDecision decision = policy.decide(failure, attempts, authRetried);
    String credential = lease == null ? "-" : lease.credential().name();
    p.listener.attemptFailed(credential, attempts, failure.getClass().getSimpleName(), decision);
    LOG.debug("event=pipeline.attempt_failed credential={} attempt={} failure={} decision={}",
        credential, attempts, failure.safeDescription(), decision.action());
    switch (decision.action()) {
      case RETRY_SAME -> {
        authRetried = true;
        p.tokens.invalidate(lease);
        authenticate();
      }
      case FAILOVER -> {
        CredentialId id = completeLease(failure);
        if (id != null) {
          excluded.add(id);
        }
        if (decision.delay().isZero()) {
          acquire();
        } else {
          timerId = p.vertx.setTimer(Math.max(1, decision.delay().toMillis()), t -> {
            timerId = -1;
            acquire();
          });
        }
      }
      case GIVE_UP -> {
        completeLease(failure);
        giveUp(failure);
      }
    }
  }

  /** Tells the pool what happened to the current lease; returns its credential. */
  private CredentialId completeLease(UpstreamFailure failure) {
    Lease current = lease;
    lease = null;
    if (current == null) {
      return null;
    }
    switch (failure) {
      case UpstreamFailure.QuotaExhausted q -> {
        current.quotaExhausted(null);
        p.quotaReader.readSoon(current.credential().id());
      }
      case UpstreamFailure.Overloaded o -> current.overloaded(o.retryAfter());
      case UpstreamFailure.AuthRejected a -> {
        current.authRejected();
        rejected.add(current.credential().id());
      }
      case UpstreamFailure.BadRequest b -> current.released();
      case UpstreamFailure.Unreadable u -> current.released(); // the credential is not at fault
      default -> current.transientFailure();
    }
    return current.credential().id();
  }

  /** Ends the call after its last attempt failed; a 429 says when the pool expects a credential back. */
  private void giveUp(UpstreamFailure failure) {
    fail(UpstreamErrors.ending(failure, attempts, p.pool.readiness().soonestRecovery(), p.clock.instant()).error());
  }

  private void fail(GatewayException error) {
    if (terminated) {
      return;
    }
    terminated = true;
    if (lease != null) {
      lease.released();
      lease = null;
    }
    sink.onFailure(error);
    p.listener.finished(error.kind().name(), Duration.between(started, p.clock.instant()));
  }
}

package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.TokenEstimator;
import dev.warp2api.pool.Conversation;
import dev.warp2api.pool.Lease;
import java.time.Duration;
import java.time.Instant;

/**
 * How a call ends with its sink: opened once when Warp first accepts, then exactly one of success,
 * failure (an {@link Ending.Failure}, rendered by the client's dialect) or cancellation, each
 * reported to the {@link PipelineListener} with the call's duration and published as one
 * {@link FinishedRequest}. Confined to the call's event loop.
 */
final class Completion {
  private final Pipeline p;
  private final UpstreamSink sink;
  private final HoldBack holdBack;
  private final CallLabel label;
  private final UsageTally tally;
  private final Conversation conversation;
  private final Instant started;
  private Instant upstreamStarted;
  private String credential;
  private int failovers;
  private boolean opened;
  private boolean done;
  private Runnable whenDone = () -> {};

  Completion(
      Pipeline pipeline,
      UpstreamSink sink,
      HoldBack holdBack,
      CallLabel label,
      UsageTally tally,
      Conversation conversation) {
    this.p = pipeline;
    this.sink = sink;
    this.holdBack = holdBack;
    this.label = label;
    this.tally = tally;
    this.conversation = conversation;
    this.started = pipeline.clock.instant();
  }

  /** A request went to Warp with {@code credentialName}: the upstream time starts at the first. */
  void upstreamSent(String credentialName) {
    credential = credentialName;
    if (upstreamStarted == null) {
      upstreamStarted = p.clock.instant();
    }
  }

  /** The call moved on to another credential. */
  void failedOver() {
    failovers++;
  }

  /** Runs {@code action} once the call ends, however it ends. */
  void whenDone(Runnable action) {
    whenDone = action;
  }

  /** Whether the call has ended: nothing more reaches the sink. */
  boolean done() {
    return done;
  }

  Duration sinceStart() {
    return Duration.between(started, p.clock.instant());
  }

  /** Warp accepted a request (HTTP 200): the sink hears it once per call. */
  void opened() {
    if (!opened) {
      opened = true;
      sink.onOpen();
    }
  }

  /** The answer is complete; {@code lease} (null when already given its outcome) served it. */
  void succeed(Lease lease) {
    if (!holdBack.committed()) {
      holdBack.commit(); // an answer without content (e.g. an empty reply) is still an answer
    }
    if (lease != null) {
      lease.succeeded();
      p.affinity.remember(conversation, lease.credential().id());
      if (p.pool.quotaReadDue(lease.credential().id(), p.clock.instant())) {
        p.quotaReader.readSoon(lease.credential().id());
      }
    }
    done = true;
    // Published before the client hears the end: whoever reads the records after its answer
    // (the ledger at a restart, /admin/requests) finds the request there.
    publish(null, false);
    whenDone.run();
    sink.onEnd();
    p.listener.finished("ok", sinceStart());
  }

  /** The call failed: the sink renders {@code ending} in the client's dialect. */
  void fail(Ending.Failure ending) {
    done = true;
    publish(ending.kind(), false);
    whenDone.run();
    sink.onFailure(ending.error());
    p.listener.finished(ending.kind().name(), sinceStart());
  }

  /** The client went away: the sink hears nothing more. */
  void cancelled() {
    done = true;
    whenDone.run();
    p.listener.finished("cancelled", sinceStart());
    publish(null, true);
  }

  private void publish(ErrorKind error, boolean cancelled) {
    p.inFlight.decrementAndGet();
    Instant now = p.clock.instant();
    long estimate = tally.reportedInput() ? 0 : label.promptEstimate().getAsLong();
    TokenEstimator.Counts counts = tally.counts(estimate);
    p.finished.publish(new FinishedRequest(
        now,
        label.key(),
        label.model(),
        credential,
        label.dialect(),
        error,
        cancelled,
        counts.promptTokens(),
        counts.completionTokens(),
        tally.reasoningTokens(),
        tally.estimated(),
        failovers,
        upstreamStarted == null ? Duration.ZERO : Duration.between(upstreamStarted, now),
        Duration.between(started, now)));
  }
}

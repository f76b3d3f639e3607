package dev.warp2api.pipeline;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import dev.warp2api.warp.client.UpstreamResponse;
import dev.warp2api.warp.protocol.ResponseStreamDecoder;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one attempt's stream from Warp: chunks through the {@link ResponseStreamDecoder} into the
 * {@link HoldBack}, pausing Warp while the client's writes queue up, and tells the
 * {@link Execution} how the stream ended: finished (success), a failure dressed as a finish,
 * unreadable, or cut before its finish. Callbacks that arrive after the attempt stopped listening
 * are ignored. Confined to the call's event loop.
 */
final class AttemptStream {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptStream.class);

  private final Attempt attempt;
  private final Execution call;
  private final UpstreamResponse response;
  private final HoldBack holdBack;
  private final UpstreamSink sink;
  private final ResponseStreamDecoder decoder;
  /** The handler, made once rather than once per chunk. */
  private final ResponseStreamDecoder.EventHandler onEvent = this::onEvent;

  private boolean finished;

  AttemptStream(
      Attempt attempt,
      Execution call,
      UpstreamResponse response,
      HoldBack holdBack,
      UpstreamSink sink,
      int maxEventBytes) {
    this.attempt = attempt;
    this.call = call;
    this.response = response;
    this.holdBack = holdBack;
    this.sink = sink;
    this.decoder = new ResponseStreamDecoder(maxEventBytes, holdBack.wantsRawEvents());
  }

  void listen() {
    response.exceptionHandler(this::onFailure);
    response.handler(this::onChunk);
    response.endHandler(v -> onEnd());
  }

  private void onFailure(Throwable t) {
    if (attempt.reading(response)) {
      attempt.streamClosed();
      call.attemptFailed(
          attempt,
          t instanceof UpstreamFailureException u
              ? u.failure()
              : UpstreamFailure.fromThrowable(t, true),
          false);
    }
  }

  private void onChunk(Buffer chunk) {
    if (!attempt.reading(response)) {
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
      attempt.cancel();
      call.attemptFailed(
          attempt,
          new UpstreamFailure.Unreadable("Warp sent an event the gateway could not read"),
          false);
    }
  }

  private void onEnd() {
    if (!attempt.reading(response)) {
      return;
    }
    try {
      if (!decoder.finish(onEvent)) {
        return;
      }
    } catch (RuntimeException e) {
      // fall through: a trailing fragment that cannot be read counts as a cut stream below
    }
    attempt.streamClosed();
    if (finished) {
      call.attemptSucceeded(attempt);
    } else {
      call.attemptFailed(
          attempt,
          new UpstreamFailure.DroppedMidStream("Warp closed the stream before the answer finished"),
          false);
    }
  }

  /** One decoded event; false when the attempt ended because of it. */
  private boolean onEvent(ResponseEvent raw, List<ChatEvent> decoded) {
    List<ChatEvent> events = decoded;
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
                attempt.lease().credential().name(),
                f.reason(),
                f.detail());
            attempt.cancel();
            if (holdBack.committed()) {
              holdBack.deliver(raw, events.subList(0, i));
            }
            call.attemptFailed(attempt, RetryPolicy.failureOf(failure), false);
            return false;
          }
          case Ending.Normal normal -> {
            if (normal instanceof Ending.QuotaRanOutAfterOutput) {
              // The answer stands, the account rests, and the finish says what the pool says now.
              events = new ArrayList<>(events);
              events.set(i, f.withQuotaRanOut(call.quotaRanOutAfterOutput(attempt)));
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
}

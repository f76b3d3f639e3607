package dev.warp2api.pipeline;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds an attempt's events back until its first content event (text, reasoning or a tool call),
 * then passes them and everything after on to the sink, in order. Until that commit a failed
 * attempt can be dropped without a trace, so failover stays invisible to the client. Confined to
 * the call's event loop.
 */
final class HoldBack {
  private final UpstreamSink sink;
  /** The sink again when it wants Warp's raw events, else null. */
  private final RawUpstreamSink rawSink;

  private final PipelineListener listener;
  private final Clock clock;
  private final UsageTally tally;
  private final List<Held> held = new ArrayList<>();
  private boolean committed;
  private Instant firstUpstreamByte;

  private record Held(ResponseEvent raw, List<ChatEvent> events) {}

  HoldBack(UpstreamSink sink, PipelineListener listener, Clock clock, UsageTally tally) {
    this.tally = tally;
    this.sink = sink;
    this.rawSink = sink instanceof RawUpstreamSink raw ? raw : null;
    this.listener = listener;
    this.clock = clock;
  }

  /** Whether the decoder must build Warp's full events. */
  boolean wantsRawEvents() {
    return rawSink != null;
  }

  /** Whether this attempt's output reached the sink. */
  boolean committed() {
    return committed;
  }

  /** Upstream bytes arrived: the first of the call starts the time-to-first-client-byte measure. */
  void upstreamBytes() {
    if (firstUpstreamByte == null) {
      firstUpstreamByte = clock.instant();
    }
  }

  static boolean isContent(ChatEvent e) {
    return e instanceof ChatEvent.TextDelta
        || e instanceof ChatEvent.ReasoningDelta
        || e instanceof ChatEvent.ToolCallEvent;
  }

  /** One upstream event's output: passed on once committed, held before. */
  void deliver(ResponseEvent raw, List<ChatEvent> events) {
    if (committed) {
      pass(raw, events);
    } else {
      held.add(new Held(raw, events));
    }
  }

  /** The attempt's output is the answer: pass on what was held. */
  void commit() {
    committed = true;
    if (firstUpstreamByte != null) {
      listener.firstClientByte(Duration.between(firstUpstreamByte, clock.instant()));
    }
    for (Held h : held) {
      pass(h.raw(), h.events());
    }
    held.clear();
  }

  /**
   * The attempt failed: forget what it held; the next attempt starts uncommitted. A committed
   * attempt's output is taken back when the sink can restart (a buffered answer, its usage counted
   * again).
   *
   * @return whether part of an answer already reached the client and cannot be taken back
   */
  boolean attemptFailed() {
    boolean answerSent = committed && !sink.restartable();
    if (committed && !answerSent) {
      sink.restart();
      tally.reset();
    }
    held.clear();
    committed = false;
    return answerSent;
  }

  private void pass(ResponseEvent raw, List<ChatEvent> events) {
    if (rawSink != null) {
      rawSink.onRawEvent(raw);
    }
    tally.add(events);
    sink.onEvent(events);
  }
}

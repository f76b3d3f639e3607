package dev.warp2api.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the simulated model answers to one AI request. Immutable; start from a static factory and
 * refine with the instance methods, then {@link WarpSimulator#enqueue(SimReply)}.
 *
 * <pre>{@code
 * sim.enqueue(SimReply.text("Hello there").inDeltas(3));
 * sim.enqueue(SimReply.toolCalls("Let me check.", List.of(new SimToolCall("get_weather", "{\"city\":\"Paris\"}"))));
 * sim.enqueue(SimReply.reasoning("Thinking…", "42"));
 * sim.enqueue(SimReply.finish(SimFinish.QUOTA_LIMIT));
 * sim.enqueue(SimReply.events(50, Duration.ofMillis(100)));   // a 5-second stream for load tests
 * sim.enqueue(SimReply.fault(SimFault.disconnectAfter(3)));
 * }</pre>
 *
 * @param text the answer text; null = the default answer derived from the request
 * @param deltas how many pieces the text is streamed in; 0 = the config's default
 * @param toolCalls tool calls emitted after the text
 * @param reasoning reasoning emitted before the text; empty for none
 * @param finish the finish reason
 * @param gap pause between events; null = the config's default
 * @param eventCount when > 0, the total number of SSE events of the stream (text is split to fit)
 * @param fault when non-null, the fault answered instead of a stream (all other fields ignored)
 */
public record SimReply(
    String text,
    int deltas,
    List<SimToolCall> toolCalls,
    String reasoning,
    SimFinish finish,
    Duration gap,
    int eventCount,
    SimFault fault) {

  public SimReply {
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    reasoning = reasoning == null ? "" : reasoning;
    Objects.requireNonNull(finish, "finish");
    if (deltas < 0) {
      throw new IllegalArgumentException("deltas must be >= 0, got " + deltas);
    }
    if (gap != null && gap.isNegative()) {
      throw new IllegalArgumentException("gap must not be negative, got " + gap);
    }
    if (eventCount < 0) {
      throw new IllegalArgumentException("eventCount must be >= 0, got " + eventCount);
    }
  }

  /** The default answer ("Hello from the Warp simulator. You said: …"). */
  public static SimReply defaultReply() {
    return new SimReply(null, 0, List.of(), "", SimFinish.DONE, null, 0, null);
  }

  public static SimReply text(String text) {
    return new SimReply(
        Objects.requireNonNull(text, "text"), 0, List.of(), "", SimFinish.DONE, null, 0, null);
  }

  /** A deterministic text of exactly {@code chars} characters (words and sentences, ASCII). */
  public static SimReply longOutput(int chars) {
    if (chars < 1) {
      throw new IllegalArgumentException("chars must be >= 1, got " + chars);
    }
    String unit = "The quick brown fox jumps over the lazy dog. ";
    StringBuilder sb = new StringBuilder(chars + unit.length());
    while (sb.length() < chars) {
      sb.append(unit);
    }
    sb.setLength(chars);
    return text(sb.toString()).inDeltas(Math.max(1, Math.min(200, chars / 40)));
  }

  public static SimReply toolCalls(List<SimToolCall> calls) {
    return toolCalls("", calls);
  }

  /** Tool calls preceded by {@code leadingText} (empty = no text). */
  public static SimReply toolCalls(String leadingText, List<SimToolCall> calls) {
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("toolCalls must not be empty");
    }
    return new SimReply(leadingText, 0, calls, "", SimFinish.DONE, null, 0, null);
  }

  /** Reasoning first ({@code Message.agent_reasoning} in modern mode), then the answer text. */
  public static SimReply reasoning(String reasoning, String thenText) {
    return new SimReply(
        thenText,
        0,
        List.of(),
        Objects.requireNonNull(reasoning, "reasoning"),
        SimFinish.DONE,
        null,
        0,
        null);
  }

  /** A stream that ends with {@code reason} and carries no text. */
  public static SimReply finish(SimFinish reason) {
    return new SimReply("", 0, List.of(), "", reason, null, 0, null);
  }

  /**
   * A stream of exactly {@code count} SSE events (at least the protocol's fixed events) spaced by
   * {@code gap}.
   */
  public static SimReply events(int count, Duration gap) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    return new SimReply(
        null, 0, List.of(), "", SimFinish.DONE, Objects.requireNonNull(gap, "gap"), count, null);
  }

  public static SimReply fault(SimFault fault) {
    return new SimReply(
        null, 0, List.of(), "", SimFinish.DONE, null, 0, Objects.requireNonNull(fault, "fault"));
  }

  public SimReply inDeltas(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("deltas must be >= 1, got " + n);
    }
    return new SimReply(text, n, toolCalls, reasoning, finish, gap, eventCount, fault);
  }

  /** The same reply ending with another finish reason. */
  public SimReply endingWith(SimFinish reason) {
    return new SimReply(text, deltas, toolCalls, reasoning, reason, gap, eventCount, fault);
  }

  /** The same reply with {@code betweenEvents} between two SSE events (timers, not sleeps). */
  public SimReply slow(Duration betweenEvents) {
    return new SimReply(
        text,
        deltas,
        toolCalls,
        reasoning,
        finish,
        Objects.requireNonNull(betweenEvents, "gap"),
        eventCount,
        fault);
  }
}

package dev.warp2api.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A reply resolved against one request: the final text cut into deltas, the tool calls, the
 * reasoning and the finish reason. Built by {@link #resolve}; immutable.
 */
record ReplyPlan(
    String text,
    List<String> deltas,
    List<SimToolCall> toolCalls,
    String reasoning,
    SimFinish finish) {
  static final String GREETING = "Hello from the Warp simulator. You said: ";
  private static final int QUOTE_LIMIT = 80;

  /**
   * @param fixedEvents for {@link SimReply#eventCount()}: how many events the sequence sends
   *     besides text deltas, given whether reasoning is present and how many tool calls there are
   */
  static ReplyPlan resolve(
      SimReply reply, String query, int defaultDeltas, FixedEvents fixedEvents) {
    String text = reply.text() != null ? reply.text() : defaultText(query);
    int n = reply.deltas() > 0 ? reply.deltas() : defaultDeltas;
    if (reply.eventCount() > 0) {
      n = Math.max(
          1,
          reply.eventCount()
              - fixedEvents.count(
                  !reply.reasoning().isEmpty(), reply.toolCalls().size()));
      if (reply.text() == null && text.codePointCount(0, text.length()) < n) {
        text = SimReply.longOutput(n * 6).text();
      }
    }
    return new ReplyPlan(
        text, split(text, n), reply.toolCalls(), reply.reasoning(), reply.finish());
  }

  /** Events of a sequence other than the text deltas. */
  @FunctionalInterface
  interface FixedEvents {
    int count(boolean reasoning, int toolCalls);
  }

  static String defaultText(String query) {
    if (query.isBlank()) {
      return "Hello from the Warp simulator. I received your tool results.";
    }
    String q = query.strip();
    if (q.codePointCount(0, q.length()) > QUOTE_LIMIT) {
      q = q.substring(0, q.offsetByCodePoints(0, QUOTE_LIMIT)) + "…";
    }
    return GREETING + q;
  }

  /**
   * Splits into {@code n} non-empty pieces of near-equal length on code-point boundaries (fewer if
   * short).
   */
  static List<String> split(String text, int n) {
    if (text.isEmpty()) {
      return List.of();
    }
    int cps = text.codePointCount(0, text.length());
    int pieces = Math.min(n, cps);
    List<String> out = new ArrayList<>(pieces);
    int start = 0;
    for (int i = 1; i <= pieces; i++) {
      int end =
          i == pieces ? text.length() : text.offsetByCodePoints(0, (int) ((long) cps * i / pieces));
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  int outputTokens() {
    int t = Turn.estimateTokens(text) + Turn.estimateTokens(reasoning);
    for (SimToolCall c : toolCalls) {
      t += Turn.estimateTokens(c.name()) + Turn.estimateTokens(c.argsJson());
    }
    return Math.max(1, t);
  }
}

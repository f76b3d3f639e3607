package dev.warp2api.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ErrorStatus;
import dev.warp2api.pipeline.FinishedRequest;
import dev.warp2api.usage.TrafficMinutes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of the recent requests and the per-minute traffic (docs/API.md, 'Admin'), shared by the
 * admin routes and the dashboard's live feed. Names and counts only: a request's contents or a
 * key's secret are never part of a {@link FinishedRequest}, so they cannot appear here.
 */
final class UsageViews {
  /** The status shown for a request whose client went away before the end. */
  static final int CLIENT_GONE = 499;

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private UsageViews() {}

  /** {@code {"requests": [...]}}, in the order given (newest first). */
  static ObjectNode requests(List<FinishedRequest> requests) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode list = root.putArray("requests");
    for (FinishedRequest r : requests) {
      list.add(request(r));
    }
    return root;
  }

  /** One request: time, key, model, credential, status, error, tokens and times. */
  static ObjectNode request(FinishedRequest r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("time", r.time().toString());
    o.put("key", r.key());
    o.put("model", r.model());
    o.put("credential", r.credential());
    o.put("dialect", r.dialect());
    o.put("status", status(r));
    o.put(
        "error",
        r.error() != null
            ? r.error().name().toLowerCase(Locale.ROOT)
            : r.cancelled() ? "cancelled" : null);
    o.put("input_tokens", r.inputTokens());
    o.put("output_tokens", r.outputTokens());
    o.put("reasoning_tokens", r.reasoningTokens());
    o.put("estimated", r.estimated());
    o.put("failovers", r.failovers());
    o.put("upstream_ms", r.upstream().toMillis());
    o.put("duration_ms", r.total().toMillis());
    return o;
  }

  /**
   * The HTTP status the request was answered with: 200, the error kind's, or 499 for a client that
   * went away.
   */
  static int status(FinishedRequest r) {
    return r.error() != null ? ErrorStatus.of(r.error()) : r.cancelled() ? CLIENT_GONE : 200;
  }

  /** {@code {"minutes": [{"minute", "by_model": {...}, "by_key": {...}}, ...]}}, oldest first. */
  static ObjectNode traffic(List<TrafficMinutes.MinuteView> minutes) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode list = root.putArray("minutes");
    for (TrafficMinutes.MinuteView m : minutes) {
      ObjectNode o = list.addObject();
      o.put("minute", MINUTE.format(m.minute()));
      counts(o.putObject("by_model"), m.byModel());
      counts(o.putObject("by_key"), m.byKey());
    }
    return root;
  }

  private static void counts(ObjectNode into, Map<String, TrafficMinutes.Counts> counts) {
    counts.forEach(
        (name, c) -> into.putObject(name).put("requests", c.requests()).put("tokens", c.tokens()));
  }
}

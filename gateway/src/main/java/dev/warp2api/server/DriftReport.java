package dev.warp2api.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.warp.protocol.UpstreamDrift;
import dev.warp2api.warp.protocol.UpstreamDrift.Kind;
import dev.warp2api.warp.protocol.UpstreamDrift.Sighting;
import dev.warp2api.warp.protocol.UpstreamDrift.Status;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The drift registry as the operator sees it: the {@code GET /admin/drift} body and the
 * {@code warp2api_upstream_unknown_total{kind}} / {@code warp2api_upstream_deprecated_total{kind}}
 * counters. The metrics carry only the kind (a fixed set of labels); the values themselves are in
 * the JSON.
 */
public final class DriftReport {
  private DriftReport() {}

  /**
   * {@code {"unknown_total":N,"deprecated_total":M,"entries":[{"status":"unknown","kind":"event",
   * "where":"ResponseEvent","value":"field 9","first_seen":"...","last_seen":"...","count":3}]}},
   * unknown entries first; times RFC 3339 UTC. Never content.
   */
  public static ObjectNode tree(List<Sighting> sightings) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    long unknown = 0;
    long deprecated = 0;
    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    for (Sighting s : sightings) {
      if (s.status() == Status.UNKNOWN) {
        unknown += s.count();
      } else {
        deprecated += s.count();
      }
      ObjectNode e = entries.addObject();
      e.put("status", s.status().label());
      e.put("kind", s.kind().label());
      e.put("where", s.where());
      e.put("value", s.value());
      e.put("first_seen", s.firstSeen().toString());
      e.put("last_seen", s.lastSeen().toString());
      e.put("count", s.count());
    }
    root.put("unknown_total", unknown);
    root.put("deprecated_total", deprecated);
    root.set("entries", entries);
    return root;
  }

  /**
   * Registers the two counters per kind (idempotent: a second gateway in the process reuses them).
   */
  static void bindMetrics(MeterRegistry registry, UpstreamDrift drift) {
    for (Kind kind : Kind.values()) {
      FunctionCounter.builder(
              "warp2api.upstream.unknown", drift, d -> d.total(kind, Status.UNKNOWN))
          .description(
              "things Warp sent that this version does not know, by kind (GET /admin/drift lists them)")
          .tag("kind", kind.label())
          .register(registry);
      FunctionCounter.builder(
              "warp2api.upstream.deprecated", drift, d -> d.total(kind, Status.DEPRECATED))
          .description(
              "things Warp sent that this version knows as deprecated (the 2025 protocol), by kind")
          .tag("kind", kind.label())
          .register(registry);
    }
  }
}

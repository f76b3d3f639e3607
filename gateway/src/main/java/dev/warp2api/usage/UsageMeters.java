package dev.warp2api.usage;

import dev.warp2api.pipeline.FinishedRequest;
import dev.warp2api.pipeline.FinishedRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finished requests as Prometheus meters (docs/OPERATIONS.md, 'Metrics'):
 * {@code warp2api_client_requests_total} and {@code warp2api_client_tokens_total} by key and model,
 * {@code warp2api_upstream_seconds} (first request to Warp to the end) and
 * {@code warp2api_gateway_added_seconds} (the rest of a request's time) as histograms, and
 * {@code warp2api_failovers_total}. Label sets stay bounded: {@code key} is a named key's name,
 * {@code api_token} for {@code API_TOKEN} keys or {@code anonymous}; {@code model} is a known Warp
 * model id or {@code other}. Meters are made once per label set; recording is a map read and an
 * add. Thread-safe.
 */
public final class UsageMeters {
  private final MeterRegistry registry;
  private final Set<String> knownModels;
  private final KeyRegistry keys;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Timer upstream;
  private final Timer added;
  private final Counter failovers;

  public UsageMeters(MeterRegistry registry, Set<String> knownModels, KeyRegistry keys) {
    this.registry = registry;
    this.knownModels = Set.copyOf(knownModels);
    this.keys = keys;
    this.upstream = Timer.builder("warp2api.upstream")
        .description("time from the first request sent to Warp to the end of the client request")
        .publishPercentileHistogram()
        .register(registry);
    this.added = Timer.builder("warp2api.gateway.added")
        .description("a request's time outside Warp: total minus upstream time")
        .publishPercentileHistogram()
        .register(registry);
    this.failovers = Counter.builder("warp2api.failovers")
        .description("times a request moved on to another credential")
        .register(registry);
  }

  /** Records every request {@code finished} publishes from now on. */
  public UsageMeters subscribeTo(FinishedRequests finished) {
    finished.subscribe(this::record);
    return this;
  }

  public void record(FinishedRequest r) {
    String key = keyLabel(r.key());
    String model = knownModels.contains(r.model()) ? r.model() : "other";
    String outcome = r.ok() ? "ok" : r.cancelled() ? "cancelled" : "error";
    counter("warp2api.client.requests", key, model, "outcome", outcome).increment();
    if (r.inputTokens() > 0) {
      counter("warp2api.client.tokens", key, model, "type", "input").increment(r.inputTokens());
    }
    if (r.outputTokens() > 0) {
      counter("warp2api.client.tokens", key, model, "type", "output").increment(r.outputTokens());
    }
    if (!r.upstream().isZero()) {
      upstream.record(r.upstream());
      added.record(r.total().minus(r.upstream()));
    }
    if (r.failovers() > 0) {
      failovers.increment(r.failovers());
    }
  }

  private String keyLabel(String key) {
    if (key == null) {
      return "anonymous";
    }
    return keys != null && keys.get(key).isPresent() ? key : "api_token";
  }

  private Counter counter(String name, String key, String model, String tag, String value) {
    String id = name + '|' + key + '|' + model + '|' + value;
    Counter c = counters.get(id);
    if (c != null) {
      return c;
    }
    return counters.computeIfAbsent(
        id,
        k -> Counter.builder(name)
            .tag("key", key)
            .tag("model", model)
            .tag(tag, value)
            .register(registry));
  }
}

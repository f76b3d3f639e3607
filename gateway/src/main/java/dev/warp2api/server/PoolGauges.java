package dev.warp2api.server;

import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.CredentialState;
import dev.warp2api.pool.CredentialView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each credential's state, quota left and quota reset time as gauges, read from the pool's snapshot
 * once per scrape ({@link #refresh}, which also registers the gauges of credentials added since):
 * {@code warp2api_credential_state{credential,state}} (1 for its current state, 0 for the others),
 * {@code warp2api_credential_quota_remaining{credential}} (NaN while unknown or unlimited),
 * {@code warp2api_credential_quota_resets_at_seconds{credential}} (epoch seconds, NaN while
 * unknown). Label values: the pool's credential names and states only.
 */
final class PoolGauges {
  private final CredentialPool pool;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private volatile Map<String, CredentialView> views = Map.of();

  PoolGauges(CredentialPool pool, Clock clock, MeterRegistry registry) {
    this.pool = pool;
    this.clock = clock;
    this.registry = registry;
  }

  /** Reads the pool once; call before each scrape. */
  void refresh() {
    List<CredentialView> snapshot = pool.snapshot();
    Map<String, CredentialView> byName = new ConcurrentHashMap<>();
    snapshot.forEach(v -> byName.put(v.name(), v));
    views = byName;
    for (CredentialView v : snapshot) {
      if (registered.add(v.name())) {
        register(v.name());
      }
    }
  }

  private void register(String name) {
    for (CredentialState s : CredentialState.values()) {
      gauge("warp2api.credential.state", name, s.label(), v -> v.state() == s ? 1 : 0);
    }
    gauge("warp2api.credential.quota.remaining", name, null, v -> {
      if (v.quota() == null || v.quota().unlimited()) {
        return Double.NaN;
      }
      return v.quota().remaining(clock.instant());
    });
    gauge("warp2api.credential.quota.resets.at", name, null, v -> {
      Instant at = v.quota() == null ? null : v.quota().resetsAt();
      return at == null ? Double.NaN : at.getEpochSecond();
    });
  }

  private void gauge(
      String metric, String credential, String state, ToDoubleFunction<CredentialView> value) {
    Gauge.Builder<PoolGauges> b = Gauge.builder(metric, this, g -> {
          CredentialView v = g.views.get(credential);
          return v == null ? Double.NaN : value.applyAsDouble(v);
        })
        .tag("credential", credential);
    if (state != null) {
      b.tag("state", state);
    }
    if (metric.endsWith("resets.at")) {
      b.baseUnit("seconds");
    }
    b.register(registry);
  }
}

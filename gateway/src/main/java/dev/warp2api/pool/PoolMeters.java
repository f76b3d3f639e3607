package dev.warp2api.pool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool's transitions and lease outcomes as meters: {@code warp2api_pool_transitions_total} by
 * credential, new state and reason (cooldowns and exhaustions by why), and
 * {@code warp2api_pool_outcomes_total} by credential and outcome. Every label value comes from a
 * bounded set: the pool's credential names, its states, and its own reason and outcome words.
 * Counters are made once per label set, so a call is a map read and an add (the pool calls it under
 * its lock): the key is a small record of the label values, whose strings cache their hashes, so no
 * text is built per event.
 */
public final class PoolMeters implements PoolEvents {
  private final MeterRegistry registry;
  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

  private record Key(String meter, String credential, String value1, String value2) {}

  public PoolMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void transition(
      CredentialId id, CredentialState from, CredentialState to, Instant until, String reason) {
    counter("warp2api.pool.transitions", id, "to", to.label(), "reason", reason).increment();
  }

  @Override
  public void completed(CredentialId id, String outcome) {
    counter("warp2api.pool.outcomes", id, "outcome", outcome, null, null).increment();
  }

  private Counter counter(
      String name, CredentialId id, String tag1, String value1, String tag2, String value2) {
    Key key = new Key(name, id.name(), value1, value2);
    Counter known = counters.get(key);
    if (known != null) {
      return known;
    }
    return counters.computeIfAbsent(key, k -> {
      Counter.Builder builder =
          Counter.builder(name).tag("credential", id.name()).tag(tag1, value1);
      if (tag2 != null) {
        builder.tag(tag2, value2);
      }
      return builder.register(registry);
    });
  }
}

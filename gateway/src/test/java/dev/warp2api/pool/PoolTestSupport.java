package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import dev.warp2api.sim.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/** Shared fixtures for pool tests: a fake clock, specs, and an invariant check after every test. */
abstract class PoolTestSupport {
  static final List<Tier> DEFAULT_ORDER = List.of(Tier.PERSONAL, Tier.SHARED, Tier.ANONYMOUS);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
  private final List<CredentialPool> pools = new ArrayList<>();
  private final List<StateStore> stores = new ArrayList<>();

  @AfterEach
  void poolInvariantsHold() {
    stores.forEach(StateStore::close); // before @TempDir cleanup: no write may race the deletion
    pools.forEach(CredentialPool::checkInvariants);
  }

  /** Closes {@code store} after the test. */
  <S extends StateStore> S track(S store) {
    stores.add(store);
    return store;
  }

  static CredentialSpec spec(String name, String secret) {
    Tier tier = Tier.valueOf(name.substring(0, name.indexOf('-')).toUpperCase(Locale.ROOT));
    return new CredentialSpec(name, tier, CredentialSpec.Kind.REFRESH_TOKEN, secret);
  }

  /** A fake refresh token that is easy to search for in output. */
  static String token(String name) {
    return "AMf-vSECRET-" + name + "-0123456789abcdef";
  }

  static List<CredentialSpec> specs(String... names) {
    return Arrays.stream(names).map(n -> spec(n, token(n))).toList();
  }

  CredentialPool pool(PoolPolicy policy, StateStore store, List<Tier> order, String... names) {
    CredentialPool p = new CredentialPool(specs(names), order, policy, clock, track(store));
    pools.add(p);
    return p;
  }

  CredentialPool pool(PoolPolicy policy, String... names) {
    return pool(policy, StateStore.NONE, DEFAULT_ORDER, names);
  }

  CredentialPool pool(String... names) {
    return pool(PoolPolicy.defaults(), names);
  }

  static Lease granted(Acquisition a) {
    assertThat(a).isInstanceOf(Acquisition.Granted.class);
    return ((Acquisition.Granted) a).lease();
  }

  static Lease lease(CredentialPool p) {
    return granted(p.acquire(Set.of()));
  }

  static String leaseName(CredentialPool p) {
    Lease l = lease(p);
    l.succeeded();
    return l.credential().name();
  }

  static Acquisition.Unavailable unavailable(CredentialPool p) {
    Acquisition a = p.acquire(Set.of());
    assertThat(a).isInstanceOf(Acquisition.Unavailable.class);
    return (Acquisition.Unavailable) a;
  }

  static CredentialView view(CredentialPool p, String name) {
    return p.snapshot().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }
}

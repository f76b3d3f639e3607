package dev.warp2api.pool;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pool of Warp credentials: hands out {@link Lease}s in tier order, round-robin inside a tier, and
 * keeps each credential's state (see {@code docs/POOL.md}).
 *
 * <p>Thread-safe: every method may be called from any thread (several Vert.x event loops). Methods never
 * block on I/O: persistence goes through {@link StateStore#save}, which only queues.
 */
public final class CredentialPool {
  /*
   * Concurrency: all mutable state (the Entry objects, cursors, leaseSeq) is guarded by `lock`; every
   * public method takes it for a short, non-blocking critical section. Lease completion is made
   * exactly-once by Lease's AtomicBoolean before the lock is taken. PoolEvents and StateStore.save are
   * called under the lock and must not block.
   *
   * States: AVAILABLE (until == null) | COOLING (until != null) | EXHAUSTED (until != null) |
   * AUTH_FAILED | DISABLED (until == null).
   * Invariants, checked by checkInvariants():
   *  - a lease is granted only to an AVAILABLE credential, or as the single probe of an EXHAUSTED one whose
   *    until has passed; so no lease is ever granted while a credential is cooling (leases granted before
   *    the cooldown began have seq <= coolingSince and drain normally);
   *  - at most one probe lease per credential; probeOut <=> that lease is in flight;
   *  - in-flight leases <= maxConcurrencyPerCredential when that is > 0;
   *  - a COOLING credential whose until has passed becomes AVAILABLE at the next pool call (lazy expiry);
   *    an EXHAUSTED one stays EXHAUSTED until its probe succeeds or a quota reading shows credits left.
   */
  private final Object lock = new Object();
  private final List<Tier> order;
  private final Map<Tier, List<Entry>> tiers = new EnumMap<>(Tier.class);
  private final Map<Tier, Integer> cursors = new EnumMap<>(Tier.class);
  private final PoolPolicy policy;
  private final Clock clock;
  private final StateStore store;
  private final Transitions transitions;
  private long leaseSeq;

  /**
   * Builds the pool from the configured credentials and restores their state from {@code store} (matched by
   * fingerprint; credentials added at run time come back too). A secret configured twice is kept once.
   *
   * @param order tier order; tiers missing from it are tried last
   */
  public CredentialPool(List<CredentialSpec> specs, List<Tier> order, PoolPolicy policy, Clock clock,
      StateStore store, PoolEvents events) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.transitions = new Transitions(Objects.requireNonNull(events, "events"));
    Set<Tier> o = new LinkedHashSet<>(Objects.requireNonNull(order, "order"));
    o.addAll(List.of(Tier.values()));
    this.order = List.copyOf(o);
    for (Tier t : this.order) {
      tiers.put(t, new ArrayList<>());
      cursors.put(t, 0);
    }
    for (CredentialSpec s : Objects.requireNonNull(specs, "specs")) {
      String fp = Fingerprint.of(s.secret());
      if (find(fp) != null) {
        transitions.duplicate(s.name(), find(fp).id());
        continue;
      }
      tiers.get(s.tier()).add(new Entry(new Credential(new CredentialId(s.name(), fp), s.tier(), s.kind()),
          s.secret(), false));
    }
    restore(store.load());
  }

  public CredentialPool(List<CredentialSpec> specs, List<Tier> order, PoolPolicy policy, Clock clock,
      StateStore store) {
    this(specs, order, policy, clock, store, PoolEvents.NONE);
  }

  /**
   * Leases a credential. Tiers in order; inside a tier, round-robin among available credentials not in
   * {@code exclude} and under the concurrency cap; an exhausted credential whose reset has passed takes its
   * turn as a probe (one at a time). Credentials whose last quota reading says zero are handed out only when
   * nothing else in any tier can be.
   *
   * @param exclude credentials that already failed this request
   * @return {@link Acquisition.Granted} or {@link Acquisition.Unavailable}; never null
   */
  public Acquisition acquire(Set<CredentialId> exclude) {
    Objects.requireNonNull(exclude, "exclude");
    synchronized (lock) {
      Instant now = clock.instant();
      if (size() == 0) {
        return new Acquisition.Unavailable(Acquisition.Cause.NONE_CONFIGURED, null);
      }
      expireCooldowns(now);
      for (boolean lastResort : new boolean[] {false, true}) {
        for (Tier t : order) {
          Lease lease = pick(t, exclude, now, lastResort);
          if (lease != null) {
            store.save(state());
            return new Acquisition.Granted(lease);
          }
        }
      }
      return unavailable(exclude, now);
    }
  }

  private Lease pick(Tier tier, Set<CredentialId> exclude, Instant now, boolean lastResort) {
    List<Entry> list = tiers.get(tier);
    int n = list.size();
    int start = n == 0 ? 0 : cursors.get(tier) % n;
    int max = policy.maxConcurrencyPerCredential();
    for (int i = 0; i < n; i++) {
      int at = (start + i) % n;
      Entry e = list.get(at);
      if (exclude.contains(e.id())) {
        continue;
      }
      if (e.leasable(max) && e.knownEmpty(now) == lastResort) {
        return grant(tier, at, e, false, now);
      }
      if (!lastResort && e.probeable(now, max)) {
        return grant(tier, at, e, true, now);
      }
    }
    return null;
  }

  private Lease grant(Tier tier, int at, Entry e, boolean probe, Instant now) {
    cursors.put(tier, (at + 1) % tiers.get(tier).size());
    Lease lease = new Lease(this, e, ++leaseSeq, probe);
    e.leases.add(lease);
    e.probeOut |= probe;
    e.requests++;
    e.lastUsed = now;
    transitions.leased(e, probe);
    return lease;
  }

  private Acquisition.Unavailable unavailable(Set<CredentialId> exclude, Instant now) {
    Instant soonest = null;
    Acquisition.Cause cause = null;
    boolean busy = false;
    boolean excluded = false;
    for (Entry e : entries()) {
      boolean usable = e.state == CredentialState.AVAILABLE
          || e.state == CredentialState.EXHAUSTED && !e.until.isAfter(now);
      if (exclude.contains(e.id())) {
        excluded |= usable;
      } else if (usable) {
        busy = true;
      } else if (e.state == CredentialState.COOLING || e.state == CredentialState.EXHAUSTED) {
        if (soonest == null || e.until.isBefore(soonest)) {
          soonest = e.until;
          cause = e.state == CredentialState.COOLING ? Acquisition.Cause.COOLING : Acquisition.Cause.QUOTA;
        }
      }
    }
    if (busy) {
      return new Acquisition.Unavailable(Acquisition.Cause.BUSY, null);
    }
    if (cause != null) {
      return new Acquisition.Unavailable(cause, soonest);
    }
    return new Acquisition.Unavailable(excluded ? Acquisition.Cause.EXCLUDED : Acquisition.Cause.AUTH, null);
  }

  void complete(Lease lease, Lease.Outcome outcome, Instant resetAt, Duration retryAfter) {
    synchronized (lock) {
      Instant now = clock.instant();
      Entry e = lease.entry();
      e.leases.remove(lease);
      if (lease.isProbe()) {
        e.probeOut = false;
      }
      transitions.completed(e, outcome);
      if (find(e.id().fingerprint()) != e) {
        return; // removed while leased
      }
      Outcomes.apply(e, outcome, lease, resetAt, retryAfter, now, policy, transitions, leaseSeq);
      store.save(state());
    }
  }

  /**
   * Records a quota reading. None left: exhausted until {@code resetsAt} (or {@code W2A_QUOTA_COOLDOWN}
   * when unknown). Credits left on an exhausted credential whose rest is over: available again.
   * A reading for a credential no longer in the pool is ignored.
   */
  public void updateQuota(CredentialId id, QuotaSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    synchronized (lock) {
      Entry e = find(id.fingerprint());
      if (e == null) {
        return;
      }
      Instant now = clock.instant();
      e.quota = snapshot;
      if (snapshot.knownEmpty(now)) {
        Outcomes.exhaust(e, snapshot.resetsAt(), now, policy, transitions, "quota_read");
      } else if (e.state == CredentialState.EXHAUSTED && !e.until.isAfter(now)) {
        transitions.move(e, CredentialState.AVAILABLE, null, "quota_read");
      }
      store.save(state());
    }
  }

  /** True when {@code id}'s quota has never been read, or was last read at least {@code W2A_QUOTA_POLL_INTERVAL} ago. */
  public boolean quotaReadDue(CredentialId id, Instant now) {
    synchronized (lock) {
      Entry e = find(id.fingerprint());
      return e != null && (e.quota == null || !e.quota.readAt().plus(policy.quotaPollInterval()).isAfter(now));
    }
  }

  /** Remembers an access token obtained for {@code id} so a restart need not refresh again. */
  public void rememberAccessToken(CredentialId id, String token, Instant expiresAt) {
    CachedAccessToken cached = new CachedAccessToken(token, expiresAt);
    synchronized (lock) {
      Entry e = find(id.fingerprint());
      if (e != null) {
        e.accessToken = cached;
        store.save(state());
      }
    }
  }

  /** The remembered access token of {@code id} (also after a restart), or empty. Expiry is the caller's check. */
  public Optional<CachedAccessToken> cachedAccessToken(CredentialId id) {
    synchronized (lock) {
      Entry e = find(id.fingerprint());
      return e == null ? Optional.empty() : Optional.ofNullable(e.accessToken);
    }
  }

  /** How many credentials could be leased now, or why none and until when. */
  public Readiness readiness() {
    synchronized (lock) {
      Instant now = clock.instant();
      if (size() == 0) {
        return new Readiness(0, Acquisition.Cause.NONE_CONFIGURED, null);
      }
      expireCooldowns(now);
      int max = policy.maxConcurrencyPerCredential();
      int n = (int) entries().stream().filter(e -> e.leasable(max) || e.probeable(now, max)).count();
      if (n > 0) {
        return new Readiness(n, null, null);
      }
      Acquisition.Unavailable u = unavailable(Set.of(), now);
      return new Readiness(0, u.cause(), u.soonestRecovery());
    }
  }

  /** Every credential, in selection order; never a secret. */
  public List<CredentialView> snapshot() {
    synchronized (lock) {
      expireCooldowns(clock.instant());
      return entries().stream().map(Entry::view).toList();
    }
  }

  /**
   * Returns disabled, cooling and auth_failed credentials to available and resets their failure counts;
   * exhausted ones become due for their one probe now.
   */
  public List<CredentialView> recover() {
    synchronized (lock) {
      Instant now = clock.instant();
      for (Entry e : entries()) {
        e.resetFailures();
        if (e.state == CredentialState.EXHAUSTED) {
          if (e.until.isAfter(now)) {
            transitions.move(e, CredentialState.EXHAUSTED, now, "recovered_probe_due");
          }
        } else if (e.state != CredentialState.AVAILABLE) {
          transitions.move(e, CredentialState.AVAILABLE, null, "recovered");
        }
      }
      store.save(state());
      return entries().stream().map(Entry::view).toList();
    }
  }

  /**
   * Takes {@code name} out of service until {@link #recover}. Leases already out complete normally.
   *
   * @throws GatewayException NOT_FOUND when no credential has that name
   */
  public CredentialView disable(String name) {
    synchronized (lock) {
      Entry e = byName(name);
      transitions.move(e, CredentialState.DISABLED, null, "by_hand");
      store.save(state());
      return e.view();
    }
  }

  /**
   * Adds a refresh token at run time, named with the next ordinal of its tier, and persists it.
   *
   * @throws GatewayException INVALID_REQUEST when the token is blank or already in the pool
   */
  public CredentialView add(Tier tier, String refreshToken) {
    Objects.requireNonNull(tier, "tier");
    if (refreshToken == null || refreshToken.isBlank()) {
      throw GatewayException.invalid("refresh_token must be a non-empty string", "refresh_token");
    }
    String token = refreshToken.strip();
    String fp = Fingerprint.of(token);
    synchronized (lock) {
      Entry existing = find(fp);
      if (existing != null) {
        throw GatewayException.invalid("refresh_token is already in the pool as " + existing.id(), "refresh_token");
      }
      Entry e = new Entry(new Credential(new CredentialId(nextName(tier), fp), tier,
          CredentialSpec.Kind.REFRESH_TOKEN), token, true);
      tiers.get(tier).add(e);
      transitions.added(e);
      store.save(state());
      return e.view();
    }
  }

  /**
   * Removes {@code name} from the pool and the store. Leases already out complete harmlessly. A credential
   * configured in the environment comes back at the next start.
   *
   * @throws GatewayException NOT_FOUND when no credential has that name
   */
  public CredentialView remove(String name) {
    synchronized (lock) {
      Entry e = byName(name);
      tiers.get(e.credential.tier()).remove(e);
      transitions.removed(e);
      store.save(state());
      return e.view();
    }
  }

  /** Checks the invariants of the header comment. For tests. */
  void checkInvariants() {
    synchronized (lock) {
      Invariants.check(entries(), policy);
    }
  }

  private void expireCooldowns(Instant now) {
    for (Entry e : entries()) {
      if (e.state == CredentialState.COOLING && !e.until.isAfter(now)) {
        transitions.move(e, CredentialState.AVAILABLE, null, "cooldown_over");
      }
    }
  }

  private void restore(PoolState saved) {
    for (PoolState.Stored s : saved.credentials()) {
      Entry e = find(s.fingerprint());
      if (e == null && s.addedSecret() != null) {
        String name = byNameOrNull(s.name()) == null ? s.name() : nextName(s.tier());
        e = new Entry(new Credential(new CredentialId(name, s.fingerprint()), s.tier(), s.kind()),
            s.addedSecret(), true);
        tiers.get(s.tier()).add(e);
      }
      if (e != null) {
        e.restore(s);
      }
    }
    transitions.restored(entries());
  }

  private String nextName(Tier tier) {
    int max = 0;
    String prefix = tier.label() + "-";
    for (Entry e : entries()) {
      String n = e.credential.name();
      if (n.startsWith(prefix) && n.substring(prefix.length()).matches("\\d{1,9}")) {
        max = Math.max(max, Integer.parseInt(n.substring(prefix.length())));
      }
    }
    return prefix + (max + 1);
  }

  private PoolState state() {
    return new PoolState(entries().stream().map(Entry::stored).toList());
  }

  private List<Entry> entries() {
    List<Entry> all = new ArrayList<>();
    for (Tier t : order) {
      all.addAll(tiers.get(t));
    }
    return all;
  }

  private int size() {
    return tiers.values().stream().mapToInt(List::size).sum();
  }

  private Entry find(String fingerprint) {
    for (List<Entry> list : tiers.values()) {
      for (Entry e : list) {
        if (e.id().fingerprint().equals(fingerprint)) {
          return e;
        }
      }
    }
    return null;
  }

  private Entry byNameOrNull(String name) {
    return entries().stream().filter(e -> e.credential.name().equals(name)).findFirst().orElse(null);
  }

  private Entry byName(String name) {
    Entry e = name == null ? null : byNameOrNull(name);
    if (e == null) {
      throw new GatewayException(ErrorKind.NOT_FOUND, "no credential named '" + name + "' in the pool", "name", -1, null);
    }
    return e;
  }
}

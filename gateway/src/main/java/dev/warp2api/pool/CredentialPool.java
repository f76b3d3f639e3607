package dev.warp2api.pool;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.PoolSettings;
import dev.warp2api.config.Tier;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.Jwt;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of Warp credentials: hands out {@link Lease}s in tier order, round-robin inside a tier,
 * and keeps each credential's state (see {@code docs/POOL.md}).
 *
 * <p>Thread-safe: every method may be called from any thread (several Vert.x event loops). Methods
 * never block on I/O: persistence goes through {@link StateStore#save}, which only queues.
 */
public final class CredentialPool implements AutoCloseable {
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
  private static final Logger LOG = LoggerFactory.getLogger(CredentialPool.class);
  private final Object lock = new Object();
  private final Roster roster;
  private final PoolPolicy policy;
  private final Clock clock;
  private final StateStore store;
  private final Transitions transitions;
  private long leaseSeq;

  /**
   * Builds the pool from the configured credentials and restores their state from {@code store}
   * (matched by fingerprint; credentials added at run time come back too). A secret configured
   * twice is kept once.
   *
   * @param order the tiers used, in selection order; credentials of a tier left out are kept and
   *     persisted but never leased, not counted by {@link #readiness()}, and shown as disabled
   */
  public CredentialPool(
      List<CredentialSpec> specs,
      List<Tier> order,
      PoolPolicy policy,
      Clock clock,
      StateStore store,
      PoolEvents events) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.transitions = new Transitions(Objects.requireNonNull(events, "events"), clock);
    this.roster = new Roster(order);
    for (CredentialSpec s : Objects.requireNonNull(specs, "specs")) {
      String fp = Fingerprint.of(s.secret());
      if (roster.find(fp) != null) {
        transitions.duplicate(s.name(), roster.find(fp).id());
        continue;
      }
      Entry e = new Entry(
          new Credential(new CredentialId(s.name(), fp), s.tier(), s.kind()), s.secret(), false);
      if (s.kind() == CredentialSpec.Kind.ACCESS_TOKEN) {
        e.accessTokenExpiry = Jwt.expiry(s.secret()).orElse(null);
      }
      roster.add(e);
    }
    restore(store.load());
    expireCooldowns(clock.instant()); // an expired WARP_JWT is auth_failed from the start
    store.share(this::applyShared);
  }

  public CredentialPool(
      List<CredentialSpec> specs,
      List<Tier> order,
      PoolPolicy policy,
      Clock clock,
      StateStore store) {
    this(specs, order, policy, clock, store, PoolEvents.NONE);
  }

  /**
   * The pool the settings describe: their credentials, {@code WARP_POOL_ORDER}, their policy, and a
   * {@link FileStateStore} in {@code W2A_STATE_DIR}. Blocks briefly to read the state file (call at
   * start-up, not on an event loop).
   *
   * @throws dev.warp2api.config.ConfigException when the state directory cannot be created or
   *     secured
   */
  public static CredentialPool open(
      PoolSettings settings, Path stateDir, Clock clock, PoolEvents events) {
    return open(settings, new FileStateStore(stateDir, clock), clock, events);
  }

  /**
   * The pool the settings describe, its state in {@code store} ({@link StateStores#open}). Blocks
   * to read the store (call at start-up, not on an event loop).
   *
   * @throws dev.warp2api.config.ConfigException when the store holds secrets sealed under a key not
   *     given
   */
  public static CredentialPool open(
      PoolSettings settings, StateStore store, Clock clock, PoolEvents events) {
    try {
      return new CredentialPool(
          settings.credentials(),
          settings.order(),
          PoolPolicy.from(settings),
          clock,
          store,
          events);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Writes any pending state and stops the store's writer (shutdown). The pool must not be used
   * afterwards.
   */
  public void close() {
    store.close();
  }

  /**
   * Leases a credential. Tiers in order; inside a tier, round-robin among available credentials not
   * in {@code exclude} and under the concurrency cap; an exhausted credential whose reset has
   * passed takes its turn as a probe (one at a time). Credentials whose last quota reading says
   * zero are handed out only when nothing else in any tier can be.
   *
   * @param exclude credentials that already failed this request
   * @return {@link Acquisition.Granted} or {@link Acquisition.Unavailable}; never null
   */
  public Acquisition acquire(Set<CredentialId> exclude) {
    return acquire(exclude, null);
  }

  /**
   * Leases a credential as {@link #acquire(Set)} does, preferring {@code preferred} (the credential
   * that served the conversation's last turn, see {@link Affinity}) inside the tier the pool would
   * lease from anyway: it is taken before the tier's round-robin turn when it is available, not
   * excluded, under the concurrency cap, and not known to be empty while others have credit. It
   * never makes the pool skip a usable credential of an earlier tier, and a cooling, exhausted,
   * auth_failed, disabled or removed one is simply not preferred. The round-robin cursor does not
   * move for a preferred lease.
   *
   * @param preferred a credential to favour, or null
   */
  public Acquisition acquire(Set<CredentialId> exclude, CredentialId preferred) {
    Objects.requireNonNull(exclude, "exclude");
    synchronized (lock) {
      Instant now = clock.instant();
      if (roster.size() == 0) {
        return new Acquisition.Unavailable(Acquisition.Cause.NONE_CONFIGURED, null);
      }
      expireCooldowns(now);
      Entry favoured = preferred == null || exclude.contains(preferred)
          ? null
          : roster.find(preferred.fingerprint());
      for (boolean lastResort : new boolean[] {false, true}) {
        for (Tier t : roster.order()) {
          Lease lease = favoured != null && favoured.credential.tier() == t
              ? favour(favoured, now, lastResort)
              : null;
          if (lease == null) {
            lease = pick(t, exclude, now, lastResort);
          }
          if (lease != null) {
            store.save(roster.state());
            return new Acquisition.Granted(lease);
          }
        }
      }
      return roster.unavailable(exclude, now);
    }
  }

  /**
   * Leases a credential as {@link #acquire(Set, CredentialId)} does, the concurrency cap counted
   * across every instance when the store shares lease slots ({@link StateStore#sharedSlots},
   * Redis): the credential chosen here must also get one of its slots there; when another instance
   * holds them all, the next credential is chosen, and when every one is full the answer is
   * {@link Acquisition.Cause#BUSY}. Without a cap or a shared store this is {@code acquire},
   * answered at once. Redis unreachable, or not answering within
   * {@link RedisStateStore#REQUEST_PATH_TIMEOUT}: the local cap alone decides.
   *
   * @return never failed; completes on any thread
   */
  public Future<Acquisition> lease(Set<CredentialId> exclude, CredentialId preferred) {
    int cap = policy.maxConcurrencyPerCredential();
    SharedSlots shared = cap == 0 ? null : store.sharedSlots().orElse(null);
    if (shared == null || !store.health().reachable()) {
      return Future.succeededFuture(acquire(exclude, preferred));
    }
    return leaseShared(exclude, preferred, shared, cap, new HashSet<>());
  }

  private Future<Acquisition> leaseShared(
      Set<CredentialId> exclude,
      CredentialId preferred,
      SharedSlots shared,
      int cap,
      Set<CredentialId> fullElsewhere) {
    Set<CredentialId> skip = new HashSet<>(exclude);
    skip.addAll(fullElsewhere);
    Acquisition local = acquire(skip, preferred);
    return switch (local) {
      case Acquisition.Unavailable u ->
        Future.succeededFuture(
            fullElsewhere.isEmpty()
                ? u
                : new Acquisition.Unavailable(Acquisition.Cause.BUSY, null));
      case Acquisition.Granted g -> {
        Lease lease = g.lease();
        String fp = lease.credential().id().fingerprint();
        String slot = Long.toString(lease.seq());
        yield shared.take(fp, slot, cap).transform(ar -> {
          if (ar.succeeded() && !ar.result()) { // every slot is held, by other instances too
            // Nothing was taken, so there is nothing to give back: only the local lease goes.
            withdraw(lease);
            fullElsewhere.add(lease.credential().id());
            return leaseShared(exclude, preferred, shared, cap, fullElsewhere);
          }
          if (ar.failed()) {
            LOG.debug(
                "event=pool.slot_unanswered credential={} action=local_cap error={}",
                lease.credential().name(),
                ar.cause().getClass().getSimpleName());
          }
          lease.holdSlot(() -> shared.release(fp, slot));
          return Future.succeededFuture(local);
        });
      }
    };
  }

  /**
   * Takes back a lease that was never handed out (its credential's slots were all held elsewhere):
   * as if it had not been granted, so neither its count nor its probe stays behind.
   */
  private void withdraw(Lease lease) {
    synchronized (lock) {
      lease.withdrawn();
      Entry e = lease.entry();
      e.leases.remove(lease);
      if (lease.isProbe()) {
        e.probeOut = false;
      }
      e.requests--;
      e.lastUsed = lease.previousLastUsed();
      store.save(roster.state());
    }
  }

  /** The preferred credential's lease when it may serve in this pass, else null. */
  private Lease favour(Entry e, Instant now, boolean lastResort) {
    if (!e.leasable(policy.maxConcurrencyPerCredential()) || e.knownEmpty(now) != lastResort) {
      return null;
    }
    return grant(e.credential.tier(), -1, e, false, now);
  }

  private Lease pick(Tier tier, Set<CredentialId> exclude, Instant now, boolean lastResort) {
    List<Entry> list = roster.tier(tier);
    int n = list.size();
    int start = roster.cursor(tier);
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

  /** {@code at}: the credential's place in its tier, where round-robin goes on; -1 leaves it. */
  private Lease grant(Tier tier, int at, Entry e, boolean probe, Instant now) {
    if (at >= 0) {
      roster.advance(tier, at);
    }
    Lease lease = new Lease(this, e, ++leaseSeq, probe, e.lastUsed);
    e.leases.add(lease);
    e.probeOut |= probe;
    e.requests++;
    e.lastUsed = now;
    transitions.leased(e, probe);
    return lease;
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
      if (roster.find(e.id().fingerprint()) != e) {
        return; // removed while leased
      }
      Outcomes.apply(e, outcome, lease, resetAt, retryAfter, now, policy, transitions, leaseSeq);
      store.save(roster.state());
    }
  }

  /**
   * Records a quota reading. None left: exhausted until {@code resetsAt} (or
   * {@code W2A_QUOTA_COOLDOWN} when unknown). Credits left on an exhausted credential whose rest is
   * over: available again. A reading for a credential no longer in the pool is ignored.
   */
  public void updateQuota(CredentialId id, QuotaSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
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
      store.save(roster.state());
    }
  }

  /**
   * Records that a token refresh made outside a lease (quota reads at start-up and after a quota
   * failure, {@code pool check}, the re-check of {@code pool recover}) was rejected by Warp,
   * exactly as a lease's {@code authRejected()}: it counts toward {@code W2A_AUTH_FAILURES}, and at
   * that count the credential is auth_failed; a credential {@link #recover()} has just returned
   * from auth_failed or disabled is auth_failed again at once. Ignored for a credential no longer
   * in the pool.
   */
  public void refreshRejected(CredentialId id) {
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
      if (e != null) {
        Outcomes.authRejected(e, policy, transitions);
        store.save(roster.state());
      }
    }
  }

  /**
   * Records that a credential's token was obtained outside a lease (refreshed, or still cached):
   * its run of refresh rejections is over. Changes no state: an auth_failed or disabled credential
   * stays so until {@link #recover()}.
   */
  public void refreshSucceeded(CredentialId id) {
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
      if (e == null) {
        return;
      }
      e.onTrial = false;
      if (e.authFailures > 0
          && e.state != CredentialState.AUTH_FAILED
          && e.state != CredentialState.DISABLED) {
        e.authFailures = 0;
        store.save(roster.state());
      }
    }
  }

  /**
   * True when {@code id}'s quota has never been read, or was last read at least
   * {@code W2A_QUOTA_POLL_INTERVAL} ago.
   */
  public boolean quotaReadDue(CredentialId id, Instant now) {
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
      return e != null
          && (e.quota == null
              || !e.quota.readAt().plus(policy.quotaPollInterval()).isAfter(now));
    }
  }

  /** Remembers an access token obtained for {@code id} so a restart need not refresh again. */
  public void rememberAccessToken(CredentialId id, String token, Instant expiresAt) {
    CachedAccessToken cached = new CachedAccessToken(token, expiresAt);
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
      if (e != null) {
        e.accessToken = cached;
        store.save(roster.state());
      }
    }
  }

  /**
   * The credential and its secret, for the gateway's own maintenance calls that run outside a lease
   * (token refresh and {@code GetRequestLimitInfo} quota reads at start-up, after a quota failure
   * and on {@code pool check}). Pass the secret to the token exchange and nowhere else; never log
   * it.
   */
  public Optional<Map.Entry<Credential, String>> forMaintenance(CredentialId id) {
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
      return e == null ? Optional.empty() : Optional.of(Map.entry(e.credential, e.secret));
    }
  }

  /**
   * True when {@code id} is a {@code WARP_JWT} past its {@code exp} (never refreshed, never usable
   * again).
   */
  public boolean jwtExpired(CredentialId id) {
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
      return e != null && e.jwtExpired(clock.instant());
    }
  }

  /** The tiers used, in selection order ({@code WARP_POOL_ORDER}). */
  public List<Tier> order() {
    return roster.order();
  }

  /** The ids of every credential of the tiers used, in selection order. */
  public List<CredentialId> ids() {
    synchronized (lock) {
      List<CredentialId> ids = new ArrayList<>();
      for (Tier t : roster.order()) {
        for (Entry e : roster.tier(t)) {
          ids.add(e.credential.id());
        }
      }
      return ids;
    }
  }

  /**
   * The remembered access token of {@code id} (also after a restart), or empty. Expiry is the
   * caller's check.
   */
  public Optional<CachedAccessToken> cachedAccessToken(CredentialId id) {
    synchronized (lock) {
      Entry e = roster.find(id.fingerprint());
      return e == null ? Optional.empty() : Optional.ofNullable(e.accessToken);
    }
  }

  /** How many credentials could be leased now, or why none and until when. */
  public Readiness readiness() {
    synchronized (lock) {
      Instant now = clock.instant();
      if (roster.size() == 0) {
        return new Readiness(0, Acquisition.Cause.NONE_CONFIGURED, null);
      }
      expireCooldowns(now);
      int max = policy.maxConcurrencyPerCredential();
      int n = (int) roster.selectable().stream()
          .filter(e -> e.leasable(max) || e.probeable(now, max))
          .count();
      if (n > 0) {
        return new Readiness(n, null, null);
      }
      Acquisition.Unavailable u = roster.unavailable(Set.of(), now);
      return new Readiness(0, u.cause(), u.soonestRecovery());
    }
  }

  /** Every credential, in selection order; never a secret. */
  public List<CredentialView> snapshot() {
    synchronized (lock) {
      expireCooldowns(clock.instant());
      return roster.entries().stream().map(roster::view).toList();
    }
  }

  /**
   * Returns disabled, cooling and auth_failed credentials to available and resets their failure
   * counts (not a {@code WARP_JWT} past its {@code exp}, which stays auth_failed); exhausted ones
   * become due for their one probe now. Those returned from auth_failed or disabled are on trial:
   * the next refresh rejection (the re-check that follows, see {@link #refreshRejected}) makes them
   * auth_failed again at once.
   */
  public List<CredentialView> recover() {
    requireStoreReachable();
    synchronized (lock) {
      Instant now = clock.instant();
      for (Entry e : roster.entries()) {
        if (e.jwtExpired(now)) {
          continue; // never refreshed: no recovery can make it usable
        }
        e.resetFailures();
        e.opAt = now;
        if (e.state == CredentialState.EXHAUSTED) {
          if (e.until.isAfter(now)) {
            transitions.move(e, CredentialState.EXHAUSTED, now, "recovered_probe_due");
          }
        } else if (e.state != CredentialState.AVAILABLE) {
          e.onTrial = e.state == CredentialState.AUTH_FAILED || e.state == CredentialState.DISABLED;
          transitions.move(e, CredentialState.AVAILABLE, null, "recovered");
        }
      }
      store.save(roster.state());
      return roster.entries().stream().map(roster::view).toList();
    }
  }

  /**
   * Takes {@code name} out of service until {@link #recover}. Leases already out complete normally.
   *
   * @throws GatewayException NOT_FOUND when no credential has that name
   */
  public CredentialView disable(String name) {
    requireStoreReachable();
    synchronized (lock) {
      Entry e = roster.byName(name);
      transitions.move(e, CredentialState.DISABLED, null, "by_hand");
      e.opAt = clock.instant();
      store.save(roster.state());
      return roster.view(e);
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
    if (!roster.used(tier)) {
      throw GatewayException.invalid(
          "tier " + tier.label() + " is left out of WARP_POOL_ORDER: a credential there"
              + " would not be used",
          "tier");
    }
    requireStoreReachable();
    synchronized (lock) {
      Entry existing = roster.find(fp);
      if (existing != null) {
        throw GatewayException.invalid(
            "refresh_token is already in the pool as " + existing.id(), "refresh_token");
      }
      Entry e = new Entry(
          new Credential(
              new CredentialId(roster.nextName(tier), fp), tier, CredentialSpec.Kind.REFRESH_TOKEN),
          token,
          true);
      e.opAt = clock.instant();
      e.since = e.opAt;
      roster.add(e);
      roster.unmarkRemoved(fp);
      transitions.added(e);
      store.save(roster.state());
      return roster.view(e);
    }
  }

  /**
   * Removes {@code name} from the pool and the store. Leases already out complete harmlessly. Its
   * fingerprint is remembered, so a credential configured in the environment stays out at later
   * starts too, until it is added again ({@link #add}).
   *
   * @throws GatewayException NOT_FOUND when no credential has that name
   */
  public CredentialView remove(String name) {
    requireStoreReachable();
    synchronized (lock) {
      Entry e = roster.byName(name);
      roster.remove(e);
      roster.markRemoved(e.id().fingerprint(), clock.instant());
      transitions.removed(e);
      store.save(roster.state());
      return roster.view(e);
    }
  }

  /**
   * Completes once every change made so far is durable in the store: an operator's change (add,
   * remove, recover, disable) is acknowledged only then, so a crash right after the answer loses
   * nothing. Completes exceptionally when the store could not write it. Never blocks.
   */
  public CompletionStage<Void> persisted() {
    synchronized (lock) {
      return store.saveDurably(roster.state());
    }
  }

  /**
   * The store the pool keeps its state in (the gateway wires shared refresh locks when it is
   * Redis).
   */
  public StateStore store() {
    return store;
  }

  /** What the store says of itself ({@code /readyz} detail, {@code /metrics}). */
  public StoreHealth storeHealth() {
    return store.health();
  }

  /**
   * Applies the state other instances wrote to the shared store (see {@link StateMerge} for who
   * wins), their additions and removals, and the leases they granted. What this instance knows
   * better is written back.
   */
  public void applyShared(SharedState shared) {
    synchronized (lock) {
      boolean writeBack = false;
      for (var removal : shared.removed().entrySet()) {
        String fp = removal.getKey();
        Entry e = roster.find(fp);
        if (e == null) {
          if (!roster.removed().contains(fp)) {
            roster.markRemoved(fp, removal.getValue());
          }
        } else if (e.opAt == null || !e.opAt.isAfter(removal.getValue())) {
          roster.remove(e);
          roster.markRemoved(fp, removal.getValue());
          transitions.sharedMembership(e, false);
        } else {
          writeBack = true; // added here after that removal
        }
      }
      for (PoolState.Stored s : shared.credentials()) {
        Instant removedAt = shared.removed().get(s.fingerprint());
        if (removedAt != null && (s.opAt() == null || !s.opAt().isAfter(removedAt))) {
          continue;
        }
        Entry e = roster.find(s.fingerprint());
        if (e == null) {
          e = sharedAddition(s);
          if (e == null) {
            continue;
          }
        }
        PoolState.Stored before = e.stored();
        writeBack |= StateMerge.apply(e, s, leaseSeq, transitions);
        // Learned something: the state saved next must hold it, or a save from before this merge,
        // still waiting for its flush, would write over what was just read.
        writeBack |= !before.equals(e.stored());
      }
      for (Entry e : roster.entries()) {
        String fp = e.id().fingerprint();
        e.requestsElsewhere = shared.requestsElsewhere().getOrDefault(fp, 0L);
        e.lastUsedElsewhere = shared.lastUsedElsewhere().get(fp);
      }
      if (writeBack) {
        store.save(roster.state());
      }
    }
  }

  /**
   * A credential another instance added at run time (or added again after a removal here); null if
   * not ours to add.
   */
  private Entry sharedAddition(PoolState.Stored s) {
    Instant removedHere = roster.removedAt(s.fingerprint());
    boolean removedLater = roster.removed().contains(s.fingerprint())
        && (removedHere == null || s.opAt() == null || !s.opAt().isAfter(removedHere));
    if (s.addedSecret() == null || removedLater) {
      return null; // a configured credential missing here, or removed here after it was added
    }
    String name = roster.byNameOrNull(s.name()) == null ? s.name() : roster.nextName(s.tier());
    Entry e = new Entry(
        new Credential(new CredentialId(name, s.fingerprint()), s.tier(), s.kind()),
        s.addedSecret(),
        true);
    e.restore(s);
    roster.add(e);
    roster.unmarkRemoved(s.fingerprint());
    transitions.sharedMembership(e, true);
    return e;
  }

  private void requireStoreReachable() {
    if (!store.health().reachable()) {
      throw new GatewayException(
          ErrorKind.STORE_UNAVAILABLE,
          "The shared state store (W2A_REDIS_URL) cannot be "
              + "reached, so the change was not made; try again when it is back.");
    }
  }

  /** Checks the invariants of the header comment. For tests. */
  void checkInvariants() {
    synchronized (lock) {
      Invariants.check(roster.entries(), policy);
    }
  }

  /**
   * Lazy expiry: cooldowns that are over end, and a {@code WARP_JWT} past its {@code exp} is
   * auth_failed.
   */
  private void expireCooldowns(Instant now) {
    for (Entry e : roster.entries()) {
      if (e.jwtExpired(now)
          && e.state != CredentialState.AUTH_FAILED
          && e.state != CredentialState.DISABLED) {
        transitions.move(e, CredentialState.AUTH_FAILED, null, "jwt_expired");
      } else if (e.state == CredentialState.COOLING && !e.until.isAfter(now)) {
        transitions.move(e, CredentialState.AVAILABLE, null, "cooldown_over");
      }
    }
  }

  private void restore(PoolState saved) {
    for (String fp : saved.removed()) {
      roster.markRemoved(fp, saved.removedAt().get(fp));
      Entry configured = roster.find(fp);
      if (configured
          != null) { // removed through the admin API earlier: it stays out until added again
        roster.remove(configured);
        transitions.stillRemoved(configured);
      }
    }
    for (PoolState.Stored s : saved.credentials()) {
      if (roster.removed().contains(s.fingerprint())) {
        continue;
      }
      Entry e = roster.find(s.fingerprint());
      if (e == null && s.addedSecret() != null) {
        String name = roster.byNameOrNull(s.name()) == null ? s.name() : roster.nextName(s.tier());
        e = new Entry(
            new Credential(new CredentialId(name, s.fingerprint()), s.tier(), s.kind()),
            s.addedSecret(),
            true);
        roster.add(e);
      }
      if (e != null) {
        e.restore(s);
      }
    }
    transitions.restored(roster.entries());
  }
}

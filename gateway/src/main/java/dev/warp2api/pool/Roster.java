package dev.warp2api.pool;

import dev.warp2api.config.Tier;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The credentials of a pool by tier, in selection order, with each tier's round-robin cursor.
 * Guarded by the owning {@link CredentialPool}'s lock.
 */
final class Roster {
  private final List<Tier> order;
  /**
   * {@link #order} then the tiers left out of it: every credential is kept (state, persistence,
   * views).
   */
  private final List<Tier> all;

  private final Map<Tier, List<Entry>> tiers = new EnumMap<>(Tier.class);
  private final Map<Tier, Integer> cursors = new EnumMap<>(Tier.class);
  private final Set<String> removed = new LinkedHashSet<>();
  private final Map<String, Instant> removedAt = new HashMap<>();

  /**
   * @param order the tiers used, in selection order; credentials of a tier left out are kept (and
   *     persisted) but never selected, never counted as available, and shown as disabled
   */
  Roster(List<Tier> order) {
    this.order = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(order, "order")));
    Set<Tier> o = new LinkedHashSet<>(this.order);
    o.addAll(List.of(Tier.values()));
    this.all = List.copyOf(o);
    for (Tier t : this.all) {
      tiers.put(t, new ArrayList<>());
      cursors.put(t, 0);
    }
  }

  /** The tiers used, in selection order. */
  List<Tier> order() {
    return order;
  }

  boolean used(Tier t) {
    return order.contains(t);
  }

  /**
   * What admin routes and the CLI show: a credential of a tier left out of the order shows as
   * disabled.
   */
  CredentialView view(Entry e) {
    return e.view(used(e.credential.tier()));
  }

  List<Entry> tier(Tier t) {
    return tiers.get(t);
  }

  /** Where the next round-robin scan of {@code t} starts. */
  int cursor(Tier t) {
    int n = tiers.get(t).size();
    return n == 0 ? 0 : cursors.get(t) % n;
  }

  /** The next scan of {@code t} starts after position {@code at}. */
  void advance(Tier t, int at) {
    cursors.put(t, (at + 1) % tiers.get(t).size());
  }

  void add(Entry e) {
    tiers.get(e.credential.tier()).add(e);
  }

  void remove(Entry e) {
    tiers.get(e.credential.tier()).remove(e);
  }

  /**
   * Why nothing could be leased: BUSY first, then the cause of the soonest recovery, then EXCLUDED,
   * then AUTH.
   */
  Acquisition.Unavailable unavailable(Set<CredentialId> exclude, Instant now) {
    Instant soonest = null;
    Acquisition.Cause cause = null;
    boolean busy = false;
    boolean excluded = false;
    for (Entry e : selectable()) {
      boolean usable = e.state == CredentialState.AVAILABLE
          || e.state == CredentialState.EXHAUSTED && !e.until.isAfter(now);
      if (usable && exclude.contains(e.id())) {
        excluded = true;
      } else if (usable) {
        busy = true;
      } else if (e.state == CredentialState.COOLING || e.state == CredentialState.EXHAUSTED) {
        if (soonest == null || e.until.isBefore(soonest)) {
          soonest = e.until;
          cause = e.state == CredentialState.COOLING
              ? Acquisition.Cause.COOLING
              : Acquisition.Cause.QUOTA;
        }
      }
    }
    if (busy) {
      return new Acquisition.Unavailable(Acquisition.Cause.BUSY, null);
    }
    if (cause != null) {
      return new Acquisition.Unavailable(cause, soonest);
    }
    if (excluded) {
      return new Acquisition.Unavailable(Acquisition.Cause.EXCLUDED, null);
    }
    boolean allExpired =
        !selectable().isEmpty() && selectable().stream().allMatch(e -> e.jwtExpired(now));
    return new Acquisition.Unavailable(
        allExpired ? Acquisition.Cause.JWT_EXPIRED : Acquisition.Cause.AUTH, null);
  }

  String nextName(Tier tier) {
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

  PoolState state() {
    return new PoolState(
        entries().stream().map(Entry::stored).toList(),
        List.copyOf(removed),
        Map.copyOf(removedAt));
  }

  /**
   * Marks {@code fingerprint} removed at {@code at} (null: unknown, as read from the file store).
   */
  void markRemoved(String fingerprint, Instant at) {
    removed.add(fingerprint);
    if (at != null) {
      removedAt.put(fingerprint, at);
    }
  }

  /** Takes {@code fingerprint} off the removed list (it was added again). */
  void unmarkRemoved(String fingerprint) {
    removed.remove(fingerprint);
    removedAt.remove(fingerprint);
  }

  /**
   * When {@code fingerprint} was removed, or null when it is not removed or the time is unknown.
   */
  Instant removedAt(String fingerprint) {
    return removedAt.get(fingerprint);
  }

  /**
   * Fingerprints removed through the admin API (persisted: a configured credential stays out at
   * restart).
   */
  Set<String> removed() {
    return removed;
  }

  /** Every credential: the tiers used in order, then those of tiers left out. */
  List<Entry> entries() {
    List<Entry> list = new ArrayList<>();
    for (Tier t : all) {
      list.addAll(tiers.get(t));
    }
    return list;
  }

  /** The credentials of the tiers used, in selection order. */
  List<Entry> selectable() {
    List<Entry> list = new ArrayList<>();
    for (Tier t : order) {
      list.addAll(tiers.get(t));
    }
    return list;
  }

  /** How many credentials can ever be selected (those of the tiers used). */
  int size() {
    return order.stream().mapToInt(t -> tiers.get(t).size()).sum();
  }

  Entry find(String fingerprint) {
    for (List<Entry> list : tiers.values()) {
      for (Entry e : list) {
        if (e.id().fingerprint().equals(fingerprint)) {
          return e;
        }
      }
    }
    return null;
  }

  Entry byNameOrNull(String name) {
    return entries().stream()
        .filter(e -> e.credential.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  Entry byName(String name) {
    Entry e = name == null ? null : byNameOrNull(name);
    if (e == null) {
      throw GatewayException.about(
          ErrorKind.NOT_FOUND, "no credential named '" + name + "' in the pool", "name");
    }
    return e;
  }
}

package dev.warp2api.pool;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies state changes and reports each one once: a structured log line
 * ({@code event=pool.exhausted credential=personal-2 fingerprint=3fa4c2d1 until=... reason=quota})
 * and a {@link PoolEvents} call. Never logs a secret. Called under the pool's lock.
 */
final class Transitions {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialPool.class);
  private final PoolEvents events;
  private final Clock clock;

  Transitions(PoolEvents events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  void move(Entry e, CredentialState to, Instant until, String reason) {
    CredentialState from = e.state;
    e.state = to;
    e.until = until;
    e.since = clock.instant();
    if (to == CredentialState.AVAILABLE
        || to == CredentialState.DISABLED
        || to == CredentialState.AUTH_FAILED) {
      e.until = null;
    }
    LOG.info(
        "event=pool.{} credential={} fingerprint={} from={} until={} reason={}",
        to.label(),
        e.credential.name(),
        e.id().fingerprint(),
        from.label(),
        e.until == null ? "-" : e.until,
        reason);
    try {
      events.transition(e.id(), from, to, e.until, reason);
    } catch (RuntimeException ignored) {
      // a listener must never break the pool
    }
  }

  void leased(Entry e, boolean probe) {
    LOG.debug(
        "event=pool.lease credential={} probe={} in_flight={}",
        e.credential.name(),
        probe,
        e.leases.size());
    try {
      events.leased(e.id(), probe);
    } catch (RuntimeException ignored) {
      // a listener must never break the pool
    }
  }

  void completed(Entry e, Lease.Outcome outcome) {
    LOG.debug(
        "event=pool.lease.done credential={} outcome={}", e.credential.name(), outcome.label());
    try {
      events.completed(e.id(), outcome.label());
    } catch (RuntimeException ignored) {
      // a listener must never break the pool
    }
  }

  void added(Entry e) {
    LOG.info(
        "event=pool.added credential={} tier={} fingerprint={}",
        e.credential.name(),
        e.credential.tier().label(),
        e.id().fingerprint());
  }

  void removed(Entry e) {
    LOG.info(
        "event=pool.removed credential={} fingerprint={}",
        e.credential.name(),
        e.id().fingerprint());
  }

  /** Another instance sharing the store added ({@code added}) or removed a credential. */
  void sharedMembership(Entry e, boolean added) {
    LOG.info(
        "event=pool.{} credential={} tier={} fingerprint={} by=another_instance",
        added ? "added" : "removed",
        e.credential.name(),
        e.credential.tier().label(),
        e.id().fingerprint());
  }

  void stillRemoved(Entry e) {
    LOG.warn(
        "event=pool.still_removed credential={} fingerprint={} reason=removed_through_admin_api"
            + " action=skipped (POST /admin/pool/credentials adds it again)",
        e.credential.name(),
        e.id().fingerprint());
  }

  void duplicate(String name, CredentialId kept) {
    LOG.warn(
        "event=pool.duplicate credential={} same_token_as={} action=skipped", name, kept.name());
  }

  void restored(List<Entry> entries) {
    for (Entry e : entries) {
      if (e.state != CredentialState.AVAILABLE) {
        LOG.info(
            "event=pool.restored credential={} state={} until={}",
            e.credential.name(),
            e.state.label(),
            e.until == null ? "-" : e.until);
      }
    }
  }
}

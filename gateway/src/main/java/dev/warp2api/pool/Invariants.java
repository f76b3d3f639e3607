package dev.warp2api.pool;

import java.util.List;

/** The pool's invariants (see the header of {@link CredentialPool}), checked on demand by tests. */
final class Invariants {
  private Invariants() {}

  /** @throws IllegalStateException naming the credential and the broken invariant */
  static void check(List<Entry> entries, PoolPolicy policy) {
    for (Entry e : entries) {
      String n = e.credential.name();
      long probes = e.leases.stream().filter(Lease::isProbe).count();
      require(probes <= 1, n, "more than one probe lease");
      require(e.probeOut == (probes == 1), n, "probeOut flag disagrees with leases");
      int cap = policy.maxConcurrencyPerCredential();
      require(cap == 0 || e.leases.size() <= cap, n, "more leases than the concurrency cap");
      switch (e.state) {
        case AVAILABLE, AUTH_FAILED, DISABLED ->
          require(e.until == null, n, e.state + " with an until-time");
        case COOLING -> {
          require(e.until != null, n, "cooling without an until-time");
          for (Lease l : e.leases) {
            require(l.seq() <= e.coolingSince, n, "leased while cooling");
          }
        }
        case EXHAUSTED -> require(e.until != null, n, "exhausted without an until-time");
      }
    }
  }

  private static void require(boolean ok, String name, String what) {
    if (!ok) {
      throw new IllegalStateException("pool invariant broken for " + name + ": " + what);
    }
  }
}

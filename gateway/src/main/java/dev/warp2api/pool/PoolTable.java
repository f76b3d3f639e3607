package dev.warp2api.pool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool table printed by {@code serve} at start-up and by {@code pool status} (from the admin
 * API through {@link PoolJson#parse}, or {@code --offline}): name, tier, fingerprint, state, quota
 * left, resets at, failures, cooldown until, last used, requests. Built from
 * {@link CredentialView}s, so it cannot contain a secret.
 */
public final class PoolTable {
  private static final String[] HEADER = {
    "NAME",
    "TIER",
    "FINGERPRINT",
    "STATE",
    "QUOTA LEFT",
    "RESETS AT",
    "FAILURES",
    "COOLDOWN UNTIL",
    "LAST USED",
    "REQUESTS"
  };

  private PoolTable() {}

  /**
   * @param now to compute quota left (a passed reset means the full limit)
   * @return lines separated by {@code \n}, ending with one; "no credentials configured" when empty
   */
  public static String render(List<CredentialView> views, Instant now) {
    if (views.isEmpty()) {
      return "no credentials configured (set WARP_REFRESH_TOKEN, WARP_PERSONAL_TOKENS, WARP_SHARED_TOKENS,"
          + " WARP_ANONYMOUS_TOKEN or WARP_JWT)\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (CredentialView v : views) {
      String fingerprint = v.fingerprint() == null ? "-" : v.fingerprint();
      rows.add(new String[] {
        v.name(),
        v.tier().label(),
        fingerprint,
        v.state().label(),
        quotaLeft(v, now),
        v.quota() == null ? "-" : dash(v.quota().resetsAt()),
        Integer.toString(v.failures()),
        dash(v.cooldownUntil()),
        dash(v.lastUsed()),
        Long.toString(v.requests())
      });
    }
    int[] widths = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", r[i]));
        if (i < r.length - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String quotaLeft(CredentialView v, Instant now) {
    if (v.quota() == null) {
      return "?";
    }
    if (v.quota().unlimited()) {
      return "unlimited";
    }
    return v.quota().remaining(now) + "/" + v.quota().limit();
  }

  private static String dash(Instant i) {
    return i == null ? "-" : PoolJson.time(i);
  }
}

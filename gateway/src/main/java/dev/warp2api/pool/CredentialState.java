package dev.warp2api.pool;

import java.util.Locale;

/** The state of one credential; see {@code docs/POOL.md} for the transitions. */
public enum CredentialState {
  /** May be leased. */
  AVAILABLE,
  /** Overloaded or rate limited; not leased until its until-time. */
  COOLING,
  /** Quota used up; rests until the account's reset time, then one probe lease decides. */
  EXHAUSTED,
  /** Refresh rejected {@code W2A_AUTH_FAILURES} times; out of service until recovered by hand. */
  AUTH_FAILED,
  /** Taken out of service by hand. */
  DISABLED;

  /** The lower-case name used in JSON, tables and logs ({@code auth_failed}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static CredentialState parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}

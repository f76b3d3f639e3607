package dev.warp2api.config;

import java.util.Locale;

/** A credential tier. The pool tries tiers in the order of {@code WARP_POOL_ORDER}. */
public enum Tier {
  PERSONAL,
  SHARED,
  ANONYMOUS;

  /** The lower-case name used in settings, names ({@code personal-1}) and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.warp2api.config;

import java.util.Objects;

/**
 * A credential as configured: its tier, its name ({@code personal-1}, {@code jwt-1}) and its
 * secret. {@link #toString()} never shows the secret.
 *
 * @param name tier label and ordinal, e.g. {@code shared-2}; {@code jwt-1} for {@code WARP_JWT}
 * @param tier the tier it belongs to ({@code WARP_JWT} is personal)
 * @param kind whether the secret is a refresh token or a ready access token
 * @param secret the refresh token or access token
 */
public record CredentialSpec(String name, Tier tier, Kind kind, String secret) {
  public enum Kind {
    REFRESH_TOKEN,
    ACCESS_TOKEN
  }

  public CredentialSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "CredentialSpec[name=" + name + ", tier=" + tier.label() + ", kind=" + kind
        + ", secret=██]";
  }
}

package dev.warp2api.pool;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token remembered for a credential, with its expiry. {@link #toString()} hides the
 * token.
 */
public record CachedAccessToken(String token, Instant expiresAt) {
  public CachedAccessToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "CachedAccessToken[token=██, expiresAt=" + expiresAt + "]";
  }
}

package dev.warp2api.server.dashboard;

import java.time.Instant;

/**
 * A dashboard login: the random id its cookie carries, the CSRF token the page's script sends on
 * every action, and when it ends. {@link #toString()} shows neither value.
 *
 * @param id the session id (32 random bytes, base64url), the cookie's value
 * @param csrfToken 32 other random bytes, base64url; sent back as {@code x-csrf-token}
 * @param expiresAt when the session stops admitting anything
 */
public record Session(String id, String csrfToken, Instant expiresAt) {
  @Override
  public String toString() {
    return "Session[expiresAt=" + expiresAt + "]";
  }
}

package dev.warp2api.warp.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Warp access token (a Firebase ID token, sent as {@code Bearer}) and when it expires.
 * {@link #toString()} never shows the value; log {@link #fingerprint()} instead.
 *
 * @param value the bearer token itself
 * @param expiresAt when Warp stops accepting it ({@link Instant#MAX} if unknown and never
 *     refreshed)
 */
public record AccessToken(String value, Instant expiresAt) {

  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (value.isBlank()) {
      throw new IllegalArgumentException("access token value must not be blank");
    }
  }

  /** Whether the token expires at or before {@code now + margin}. */
  public boolean expiresWithin(Duration margin, Instant now) {
    return !expiresAt.isAfter(now.plus(margin));
  }

  /** First 8 hex digits of the SHA-256 of the value: safe to log, enough to tell tokens apart. */
  public String fingerprint() {
    return fingerprint(value);
  }

  /**
   * The fingerprint of any secret (refresh token, access token): first 8 hex digits of its SHA-256.
   */
  public static String fingerprint(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is always available", impossible);
    }
  }

  @Override
  public String toString() {
    return "AccessToken[value=██, fingerprint=" + fingerprint() + ", expiresAt=" + expiresAt + "]";
  }
}

package dev.warp2api.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The public name of a secret: the first 8 hex digits of its SHA-256. Pool state is keyed by it, so
 * reordering {@code .env} loses nothing; it is safe to log and show.
 */
public final class Fingerprint {
  /**
   * 32 bits: enough to tell a user's handful of accounts apart, too short to help guess a token.
   */
  private static final int HEX_DIGITS = 8;

  private Fingerprint() {}

  /**
   * @param secret a refresh or access token
   * @return 8 lower-case hex digits
   */
  public static String of(String secret) {
    Objects.requireNonNull(secret, "secret");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}

package dev.warp2api.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Warp account the simulator knows, as configured. The refresh token is the account's identity;
 * it never appears in {@link #toString()} (only the label and the token's fingerprint do).
 *
 * @param refreshToken the refresh token that identifies the account (secret)
 * @param label a short printable name, e.g. {@code personal-1}
 * @param requestLimit credits per period ({@code requestLimit} in GraphQL)
 * @param used credits already used in the current period
 * @param nextRefreshTime when the period ends and {@code used} returns to 0; null = use
 *     {@code resetAfter}
 * @param resetAfter period start offset from the simulator's start when {@code nextRefreshTime} is
 *     null; null = 30 days
 * @param revoked whether the refresh token is rejected by {@code /proxy/token}
 */
public record SimAccountSpec(
    String refreshToken,
    String label,
    long requestLimit,
    long used,
    Instant nextRefreshTime,
    Duration resetAfter,
    boolean revoked) {

  /** The period Warp uses to refill credits ("every 30 days from your signup date"). */
  public static final Duration REFILL_PERIOD = Duration.ofDays(30);

  public SimAccountSpec {
    Objects.requireNonNull(refreshToken, "refreshToken");
    if (refreshToken.isBlank()) {
      throw new IllegalArgumentException(
          "refresh_token of account " + label + " must not be blank");
    }
    if (label == null || label.isBlank()) {
      label = "acct-" + fingerprint(refreshToken);
    }
    if (requestLimit < 0) {
      throw new IllegalArgumentException(
          "request_limit of account " + label + " must be >= 0, got " + requestLimit);
    }
    if (used < 0) {
      throw new IllegalArgumentException("used of account " + label + " must be >= 0, got " + used);
    }
    if (resetAfter != null && (resetAfter.isNegative() || resetAfter.isZero())) {
      throw new IllegalArgumentException(
          "reset_after of account " + label + " must be > 0, got " + resetAfter);
    }
  }

  /** An account with a limit and nothing used, resetting 30 days after the simulator starts. */
  public static SimAccountSpec of(String refreshToken, String label, long requestLimit) {
    return new SimAccountSpec(refreshToken, label, requestLimit, 0, null, null, false);
  }

  public SimAccountSpec withUsed(long newUsed) {
    return new SimAccountSpec(
        refreshToken, label, requestLimit, newUsed, nextRefreshTime, resetAfter, revoked);
  }

  public SimAccountSpec withNextRefreshTime(Instant at) {
    return new SimAccountSpec(refreshToken, label, requestLimit, used, at, resetAfter, revoked);
  }

  public SimAccountSpec withResetAfter(Duration after) {
    return new SimAccountSpec(
        refreshToken, label, requestLimit, used, nextRefreshTime, after, revoked);
  }

  public SimAccountSpec withRevoked(boolean isRevoked) {
    return new SimAccountSpec(
        refreshToken, label, requestLimit, used, nextRefreshTime, resetAfter, isRevoked);
  }

  /** First 8 hex digits of SHA-256 of a token: how logs and reports name a credential. */
  public static String fingerprint(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "SimAccountSpec[label=" + label + ", token=" + fingerprint(refreshToken)
        + ", requestLimit=" + requestLimit
        + ", used=" + used + ", nextRefreshTime=" + nextRefreshTime + ", resetAfter=" + resetAfter
        + ", revoked=" + revoked + "]";
  }
}

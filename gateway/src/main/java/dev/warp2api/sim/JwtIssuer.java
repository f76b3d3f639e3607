package dev.warp2api.sim;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the access tokens (Firebase-ID-token-shaped JWTs) of the simulator. Real Warp
 * tokens are RS256; the simulator signs with HS256 and a random per-instance key, which is enough
 * to tell its own tokens from anything else. Clients never verify signatures, they only read
 * {@code exp}.
 *
 * <p>Thread-safe: the key is immutable and each thread gets its own {@link Mac}.
 */
final class JwtIssuer {
  static final String PROJECT_ID = "warp2api-sim";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final String HEADER =
      B64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"warp2api-sim\",\"typ\":\"JWT\"}"
          .getBytes(StandardCharsets.UTF_8));

  private final byte[] key = new byte[32];
  private final ThreadLocal<Mac> mac;
  private final Duration lifetime;

  JwtIssuer(Duration lifetime) {
    new SecureRandom().nextBytes(key);
    this.lifetime = lifetime;
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    });
  }

  Duration lifetime() {
    return lifetime;
  }

  /** Every token issued, newest last, bounded: tests check that none of them leaks anywhere. */
  private final Deque<String> issued = new ConcurrentLinkedDeque<>();

  private static final int ISSUED_KEPT = 10_000;

  List<String> issued() {
    return List.copyOf(issued);
  }

  /** A signed token for the account, valid from {@code now} for the configured lifetime. */
  String issue(Account account, Instant now) {
    String token = sign(account, now);
    issued.addLast(token);
    while (issued.size() > ISSUED_KEPT) {
      issued.pollFirst();
    }
    return token;
  }

  private String sign(Account account, Instant now) {
    long iat = now.getEpochSecond();
    JsonObject payload = new JsonObject()
        .put("iss", "https://securetoken.google.com/" + PROJECT_ID)
        .put("aud", PROJECT_ID)
        .put("auth_time", iat)
        .put("user_id", account.userId)
        .put("sub", account.userId)
        .put("iat", iat)
        .put("exp", iat + lifetime.toSeconds())
        .put(
            "firebase",
            new JsonObject().put("identities", new JsonObject()).put("sign_in_provider", "custom"));
    String body =
        HEADER + "." + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(sign(body));
  }

  /**
   * The uid of a token this simulator issued and that has not expired at {@code now}; empty for
   * anything else (foreign signature, malformed, expired). Never throws.
   */
  Optional<String> verify(String token, Instant now) {
    if (token == null) {
      return Optional.empty();
    }
    int a = token.indexOf('.');
    int b = token.lastIndexOf('.');
    if (a <= 0 || b <= a) {
      return Optional.empty();
    }
    try {
      byte[] expected = sign(token.substring(0, b));
      if (!MessageDigest.isEqual(expected, B64D.decode(token.substring(b + 1)))) {
        return Optional.empty();
      }
      JsonObject payload = new JsonObject(
          new String(B64D.decode(token.substring(a + 1, b)), StandardCharsets.UTF_8));
      if (now.getEpochSecond() >= payload.getLong("exp")) {
        return Optional.empty();
      }
      return Optional.ofNullable(payload.getString("user_id"));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private byte[] sign(String headerAndPayload) {
    return mac.get().doFinal(headerAndPayload.getBytes(StandardCharsets.US_ASCII));
  }
}

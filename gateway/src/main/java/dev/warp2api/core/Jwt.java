package dev.warp2api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads claims of a JWT without verifying it: the signature is Warp's business, we only need
 * {@code exp} to know when to refresh (docs/PROTOCOL.md, 'Access tokens'). Stateless and
 * thread-safe.
 */
public final class Jwt {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Jwt() {}

  /**
   * The {@code exp} claim of {@code token}.
   *
   * @return empty when the token is not a JWT (e.g. a {@code wk-} API key), its payload is not
   *     base64url JSON (padded or not), or it has no numeric {@code exp}; never throws
   */
  public static Optional<Instant> expiry(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      String payload = parts[1];
      while (payload.endsWith("=")) {
        payload = payload.substring(0, payload.length() - 1);
      }
      byte[] bytes = Base64.getUrlDecoder().decode(payload);
      JsonNode exp = JSON.readTree(new String(bytes, StandardCharsets.UTF_8)).get("exp");
      return exp != null && exp.isNumber()
          ? Optional.of(Instant.ofEpochSecond(exp.asLong()))
          : Optional.empty();
    } catch (Exception notAJwt) {
      return Optional.empty();
    }
  }
}

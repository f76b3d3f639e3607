package dev.warp2api.warp.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** JWT-shaped test tokens. */
final class TestJwts {
  private TestJwts() {}

  /** An unsigned JWT whose payload is {@code payloadJson}, base64url without padding. */
  static String jwt(String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  static String jwtExpiringAt(Instant exp) {
    return jwt("{\"user_id\":\"u1\",\"exp\":" + exp.getEpochSecond() + "}");
  }
}

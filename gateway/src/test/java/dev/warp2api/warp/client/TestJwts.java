package dev.warp2api.warp.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;

/** JWT-shaped test tokens and a clock the test moves by hand. */
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

  /** A clock that only moves when told to. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

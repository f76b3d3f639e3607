package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.Jwt;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwtTest {
  @Test
  void readsExpFromUnpaddedPayload() {
    assertThat(Jwt.expiry(TestJwts.jwt("{\"exp\":1790000000}")))
        .contains(Instant.ofEpochSecond(1_790_000_000L));
  }

  @Test
  void readsExpFromPaddedPayload() {
    String unpadded = TestJwts.jwt("{\"exp\":1790000000,\"x\":\"a\"}");
    String[] parts = unpadded.split("\\.");
    String padded =
        parts[0] + "." + parts[1] + "=".repeat((4 - parts[1].length() % 4) % 4) + "." + parts[2];
    assertThat(padded).isNotEqualTo(unpadded);
    assertThat(Jwt.expiry(padded)).contains(Instant.ofEpochSecond(1_790_000_000L));
  }

  @Test
  void tokensWithoutExpOrNotJwtsHaveNoExpiry() {
    assertThat(Jwt.expiry(TestJwts.jwt("{\"user_id\":\"u\"}"))).isEmpty();
    assertThat(Jwt.expiry(TestJwts.jwt("{\"exp\":\"soon\"}"))).isEmpty();
    assertThat(Jwt.expiry("wk-1.abc")).isEmpty();
    assertThat(Jwt.expiry("a.%%%.c")).isEmpty();
    assertThat(Jwt.expiry(null)).isEmpty();
  }

  @Test
  void accessTokenToStringHidesTheValue() {
    String value = TestJwts.jwt("{\"exp\":1790000000}");
    AccessToken token = new AccessToken(value, Instant.ofEpochSecond(1_790_000_000L));
    assertThat(token.toString())
        .doesNotContain(value)
        .doesNotContain(value.substring(0, 10))
        .contains("██");
    assertThat(token.fingerprint()).hasSize(8).matches("[0-9a-f]{8}");
  }
}

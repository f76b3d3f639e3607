package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenRefreshTest {
  private final MutableClock clock = MutableClock.startingAtDefault();
  private SimFixture f;

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  @Test
  void issuesJwtWhoseExpiryIsClockPlusLifetime() throws Exception {
    f = new SimFixture(SimConfig.defaults()
        .withClock(clock)
        .withTokenLifetime(Duration.ofMinutes(20))
        .withAccounts(SimAccountSpec.of("rt-alpha", "personal-1", 10)));
    var r = f.refresh("rt-alpha");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("expires_in")).isEqualTo("1200");
    assertThat(body.getString("token_type")).isEqualTo("Bearer");
    assertThat(body.getString("refresh_token")).isEqualTo("rt-alpha");
    assertThat(body.fieldNames()).contains("id_token", "user_id", "project_id");
    String[] parts = body.getString("access_token").split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(parts[1]).doesNotContain("=");
    JsonObject claims =
        new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    long now = clock.instant().getEpochSecond();
    assertThat(claims.getLong("iat")).isEqualTo(now);
    assertThat(claims.getLong("exp")).isEqualTo(now + 1200);
    assertThat(claims.getString("iss")).startsWith("https://securetoken.google.com/");
    assertThat(claims.getString("user_id"))
        .isEqualTo(body.getString("user_id"))
        .isEqualTo(claims.getString("sub"));
    assertThat(claims.getJsonObject("firebase").getString("sign_in_provider")).isNotEmpty();
    assertThat(f.sim.refreshCount("personal-1")).isEqualTo(1);
  }

  @Test
  void rejectsUnknownAndRevokedRefreshTokens() throws Exception {
    f = new SimFixture(SimConfig.defaults()
        .withClock(clock)
        .withAccounts(
            SimAccountSpec.of("rt-alpha", "personal-1", 10).withRevoked(true),
            SimAccountSpec.of("rt-beta", "personal-2", 10)));
    for (String token : new String[] {"rt-alpha", "rt-unknown"}) {
      var r = f.refresh(token);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message"))
          .isEqualTo("INVALID_REFRESH_TOKEN");
    }
    assertThat(f.refresh("rt-beta").statusCode()).isEqualTo(200);
    f.sim.revoke("personal-2");
    assertThat(f.refresh("rt-beta").statusCode()).isEqualTo(400);
  }

  @Test
  void openModeAcceptsAnyNonEmptyToken() throws Exception {
    f = new SimFixture(SimConfig.defaults().withClock(clock));
    assertThat(f.refresh("anything-goes").statusCode()).isEqualTo(200);
    assertThat(f.refresh("").statusCode()).isEqualTo(400);
  }
}

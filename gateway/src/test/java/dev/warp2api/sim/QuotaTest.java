package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuotaTest {
  private final MutableClock clock = MutableClock.startingAtDefault();
  private final Instant reset = clock.instant().plus(Duration.ofDays(3));
  private SimFixture f;

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  private SimConfig config(boolean legacy) {
    return SimConfig.defaults()
        .withClock(clock)
        .withLegacy(legacy)
        .withTokenLifetime(Duration.ofDays(10))
        .withAccounts(
            SimAccountSpec.of("rt-alpha", "personal-1", 3).withUsed(1).withNextRefreshTime(reset));
  }

  @Test
  void countsDownAndAnswersModern429WithErrorCodeAndDisplayMessage() throws Exception {
    f = new SimFixture(config(false));
    String jwt = f.accessToken("rt-alpha");
    assertThat(f.ai(jwt, SimFixture.request("one")).statusCode()).isEqualTo(200);
    assertThat(f.sim.creditsUsed("personal-1")).isEqualTo(2);
    assertThat(f.ai(jwt, SimFixture.request("two")).statusCode()).isEqualTo(200);
    var r = f.ai(jwt, SimFixture.request("three"));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("x-warp-error-code")).hasValue("OUT_OF_CREDITS");
    assertThat(new JsonObject(r.body()).getString("userDisplayMessage"))
        .isEqualTo(
            "You've reached your credit limit. Your credit limit resets on January 18, 2026.");
    assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
    assertThat(f.sim.creditsUsed("personal-1")).isEqualTo(3);
  }

  @Test
  void legacyModeAnswersLegacyBodyWithoutHeader() throws Exception {
    f = new SimFixture(config(true));
    f.sim.setCreditsUsed("personal-1", 3);
    var r = f.ai(f.accessToken("rt-alpha"), SimFixture.request("x"));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("x-warp-error-code")).isEmpty();
    assertThat(r.body()).isEqualTo("{\"error\":\"No remaining quota: No AI requests remaining\"}");
  }

  @Test
  void resetsAfterNextRefreshTime() throws Exception {
    f = new SimFixture(config(false));
    f.sim.setCreditsUsed("personal-1", 3);
    String jwt = f.accessToken("rt-alpha");
    assertThat(f.ai(jwt, SimFixture.request("x")).statusCode()).isEqualTo(429);
    clock.set(reset.minusMillis(1));
    assertThat(f.ai(jwt, SimFixture.request("x")).statusCode()).isEqualTo(429);
    clock.set(reset);
    assertThat(f.ai(jwt, SimFixture.request("x")).statusCode()).isEqualTo(200);
    assertThat(f.sim.creditsUsed("personal-1")).isEqualTo(1);
    var info = new JsonObject(f.graphql(jwt, "GetRequestLimitInfo").body())
        .getJsonObject("data")
        .getJsonObject("user")
        .getJsonObject("user")
        .getJsonObject("requestLimitInfo");
    assertThat(info.getString("nextRefreshTime")).isEqualTo("2026-02-17T10:00:00.000000Z");
  }

  @Test
  void chargesConfiguredCreditsPerRequest() throws Exception {
    f = new SimFixture(config(false).withCreditsPerRequest(2));
    f.sim.setCreditsUsed("personal-1", 0);
    String jwt = f.accessToken("rt-alpha");
    assertThat(f.ai(jwt, SimFixture.request("x")).statusCode()).isEqualTo(200);
    assertThat(f.sim.creditsUsed("personal-1")).isEqualTo(2);
  }
}

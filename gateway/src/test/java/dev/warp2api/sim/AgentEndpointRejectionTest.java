package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentEndpointRejectionTest {
  private final MutableClock clock = MutableClock.startingAtDefault();
  private SimFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(SimConfig.defaults()
        .withClock(clock)
        .withTokenLifetime(Duration.ofHours(1))
        .withAccounts(SimAccountSpec.of("rt-alpha", "personal-1", 10)));
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  @Test
  void answers401WithoutBearer() throws Exception {
    var r = f.ai(null, SimFixture.request("hi"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("{\"error\":\"Unauthorized: User not in context\"}");
  }

  @Test
  void answers401ForExpiredOrForeignJwt() throws Exception {
    String jwt = f.accessToken("rt-alpha");
    assertThat(f.ai(jwt, SimFixture.request("hi")).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(59));
    assertThat(f.ai(jwt, SimFixture.request("hi")).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    var expired = f.ai(jwt, SimFixture.request("hi"));
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo("{\"error\":\"Unauthorized: User not in context\"}");
    String forged = jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA";
    assertThat(f.ai(forged, SimFixture.request("hi")).statusCode()).isEqualTo(401);
    assertThat(f.ai("not-a-jwt", SimFixture.request("hi")).statusCode()).isEqualTo(401);
  }

  @Test
  void answers400WithExactBodyForGarbage() throws Exception {
    String jwt = f.accessToken("rt-alpha");
    var r = f.ai(jwt, "\u00ff\u00ff\u00ff\u00ffgarbage".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo("{\"error\":\"Invalid request: Received invalid AIAgentRequest: "
            + "proto: cannot parse invalid wire-format data\"}");
    assertThat(f.sim.creditsUsed("personal-1")).isZero();
  }

  @Test
  void answers500WithEmptyBodyWhenInputIsMissing() throws Exception {
    String jwt = f.accessToken("rt-alpha");
    var r = f.ai(jwt, new byte[0]);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEmpty();
    assertThat(f.sim.takeRequest().status()).isEqualTo(500);
    assertThat(f.sim.creditsUsed("personal-1")).isZero();
  }

  @Test
  void answers404ForUnknownRoutes() throws Exception {
    var r = f.http.send(
        HttpRequest.newBuilder(URI.create(f.sim.baseUrl() + "/nope")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }
}
